import type {
  BankAccountCreate,
  Supplier,
  SupplierAddress,
  SupplierAddressCreate,
  SupplierCreate,
  SupplierSetup,
  SupplierSiteCreate,
} from '@procuregraph/connector-erp';
import type { AddressValue, SupplierStatus } from './db/tables.ts';
import { legalFormOf } from './supplier/legal-name.ts';
import type { SupplierIdentity } from './supplier/identity.ts';

/**
 * Canonical ↔ the ERP's supplier resources: what the network's conventions make of them (TaxpayerId
 * without hyphen, site names of 15 characters, ACTIVE + SPEND_AUTHORIZED meaning an active supplier).
 */

/** The business unit the network's suppliers are set up in (Fusion `ProcurementBU`). */
export const PROCUREMENT_BU = 'Health Network BU';
const SITE_NAME_LENGTH = 15;
/** The address every onboarded supplier gets in the ERP; its sites refer to it by this name. */
const MAIN_ADDRESS_NAME = 'MAIN';

/** What the ERP's supplier, address, site and bank account are created from. */
export type ErpSupplierSetup = SupplierIdentity;

/** Fusion's tax organization types know partnerships and corporations; an LLC files as the latter here. */
function taxOrganizationType(legalName: string): 'CORPORATION' | 'PARTNERSHIP' {
  return legalFormOf(legalName) === 'PARTNERSHIP' ? 'PARTNERSHIP' : 'CORPORATION';
}

export function erpSupplierBody(setup: ErpSupplierSetup): SupplierCreate {
  return {
    Supplier: setup.legalName,
    AlternateName: setup.dbaName,
    TaxOrganizationTypeCode: taxOrganizationType(setup.legalName),
    // Approved in the graph means the network may spend with it: Fusion's SPEND_AUTHORIZED.
    BusinessRelationshipCode: 'SPEND_AUTHORIZED',
    TaxpayerId: setup.taxId,
    TaxpayerCountryCode: 'US',
  };
}

export function erpAddressBody(address: AddressValue): SupplierAddressCreate {
  return {
    AddressName: MAIN_ADDRESS_NAME,
    CountryCode: address.country,
    AddressLine1: address.line1,
    AddressLine2: address.line2,
    City: address.city,
    State: address.region,
    PostalCode: address.postalCode,
  };
}

/** Fusion site names are at most 15 characters: the city, upper case, as buyers know sites. */
export function erpSiteName(address: AddressValue): string {
  return (
    address.city
      .toUpperCase()
      .replace(/[^A-Z0-9 ]/g, '')
      .trim()
      .slice(0, SITE_NAME_LENGTH)
      .trim() || MAIN_ADDRESS_NAME
  );
}

export function erpSiteBody(address: AddressValue, paysByTransfer: boolean): Omit<SupplierSiteCreate, 'SupplierAddressId'> {
  return {
    SupplierSite: erpSiteName(address),
    ProcurementBU: PROCUREMENT_BU,
    PaymentMethodCode: paysByTransfer ? 'EFT' : 'CHECK',
  };
}

export function erpBankAccountBody(bank: NonNullable<ErpSupplierSetup['bankAccount']>): Omit<BankAccountCreate, 'accountOwners'> {
  return {
    BankAccountNumber: bank.accountNumber,
    BankBranchNumber: bank.routingNumber,
    AccountType: bank.accountType,
  };
}

/** Everything the ERP's supplier, address, pay site (EFT when there is an account) and bank account are created from. */
export function erpSupplierSetup(setup: ErpSupplierSetup): SupplierSetup {
  return {
    supplier: erpSupplierBody(setup),
    address: erpAddressBody(setup.address),
    site: erpSiteBody(setup.address, setup.bankAccount !== null),
    bankAccount: setup.bankAccount && erpBankAccountBody(setup.bankAccount),
  };
}

/** A supplier as the ERP holds it, in canonical terms; `issues` lists what could not be read. */
export interface ErpSupplierView {
  supplierId: string;
  supplierNumber: string;
  legalName: string;
  dbaName: string | null;
  /** Nine digits, or null when the ERP has none or holds a malformed one (see issues). */
  taxId: string | null;
  /** Null when the ERP's codes say something the canonical model has no name for. */
  status: SupplierStatus | null;
  address: AddressValue | null;
  issues: string[];
}

function canonicalTaxId(taxpayerId: string | null | undefined, issues: string[]): string | null {
  if (!taxpayerId) return null;
  const digits = taxpayerId.replace(/[\s-]/g, '');
  if (/^\d{9}$/.test(digits)) return digits;
  issues.push(`TaxpayerId ${taxpayerId} is not nine digits`);
  return null;
}

/** ACTIVE + SPEND_AUTHORIZED = ACTIVE, ACTIVE + PROSPECTIVE = APPROVED, INACTIVE = INACTIVE. */
function canonicalStatus(
  status: string | null | undefined,
  relationship: string | null | undefined,
  issues: string[],
): SupplierStatus | null {
  if (status === 'INACTIVE') return 'INACTIVE';
  if (status === 'ACTIVE' && relationship === 'SPEND_AUTHORIZED') return 'ACTIVE';
  if (status === 'ACTIVE' && relationship === 'PROSPECTIVE') return 'APPROVED';
  issues.push(`Unknown supplier status ${status ?? '(none)'} / ${relationship ?? '(none)'}`);
  return null;
}

/** An ERP supplier address in canonical terms; null when it lacks a first line or a city. */
export function canonicalAddress(address: SupplierAddress | undefined): AddressValue | null {
  if (!address?.AddressLine1 || !address.City) return null;
  return {
    line1: address.AddressLine1,
    line2: address.AddressLine2 ?? null,
    city: address.City,
    region: address.State ?? '',
    postalCode: address.PostalCode ?? '',
    country: address.CountryCode ?? 'US',
  };
}

/** A supplier the ERP holds, in canonical terms. */
export function fromErpSupplier(payload: Supplier): ErpSupplierView {
  const issues: string[] = [];
  return {
    supplierId: payload.SupplierId,
    supplierNumber: payload.SupplierNumber,
    legalName: payload.Supplier,
    dbaName: payload.AlternateName ?? null,
    taxId: canonicalTaxId(payload.TaxpayerId, issues),
    status: canonicalStatus(payload.Status, payload.BusinessRelationshipCode, issues),
    address: canonicalAddress(payload.addresses?.items[0]),
    issues,
  };
}
