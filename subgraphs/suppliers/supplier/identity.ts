import type { FieldCipher } from '@procuregraph/platform/crypto';
import type { AddressValue, BankAccountType, SupplierRow } from '../db/tables.ts';

/** Who a supplier is and where it is paid, decrypted: what a backing system's supplier record needs. */
export interface SupplierIdentity {
  legalName: string;
  dbaName: string | null;
  /** Nine digits. */
  taxId: string;
  address: AddressValue;
  bankAccount: { routingNumber: string; accountNumber: string; accountType: BankAccountType } | null;
}

/** Decrypts only to hand the values to a connector; nothing of it is stored or returned. */
export function supplierIdentity(supplier: SupplierRow, cipher: FieldCipher): SupplierIdentity {
  const bank =
    supplier.bankRoutingNumber && supplier.bankAccountCiphertext && supplier.bankAccountType
      ? {
          routingNumber: supplier.bankRoutingNumber,
          accountNumber: cipher.decrypt(supplier.bankAccountCiphertext),
          accountType: supplier.bankAccountType,
        }
      : null;
  return {
    legalName: supplier.legalName,
    dbaName: supplier.dbaName,
    taxId: cipher.decrypt(supplier.taxIdCiphertext),
    address: supplier.address,
    bankAccount: bank,
  };
}
