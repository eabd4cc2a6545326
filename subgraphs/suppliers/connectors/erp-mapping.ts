import { z } from 'zod';
import type { AddressValue, SupplierStatus } from '../db/tables.ts';
import { legalFormOf } from '../supplier/legal-name.ts';
import type { SupplierIdentity } from '../supplier/identity.ts';

/**
 * Canonical ↔ ERP (Oracle Fusion REST shape) for suppliers: the one place that knows Fusion's
 * attribute names, codes and quirks (TaxpayerId without hyphen, site names of 15 characters,
 * ACTIVE + SPEND_AUTHORIZED meaning an active supplier).
 */

/** The business unit the network's suppliers are set up in (Fusion `ProcurementBU`). */
export const PROCUREMENT_BU = 'Health Network BU';
const SITE_NAME_LENGTH = 15;
/** The address every onboarded supplier gets in the ERP; its sites refer to it by this name. */
const MAIN_ADDRESS_NAME = 'MAIN';

/** What the ERP needs to know of a supplier to set it up; the TIN and account number decrypted. */
/** What the ERP's supplier, address, site and bank account are created from. */
export type ErpSupplierSetup = SupplierIdentity;

/** Fusion's tax organization types know partnerships and corporations; an LLC files as the latter here. */
function taxOrganizationType(legalName: string): 'CORPORATION' | 'PARTNERSHIP' {
  return legalFormOf(legalName) === 'PARTNERSHIP' ? 'PARTNERSHIP' : 'CORPORATION';
}

export function erpSupplierBody(setup: ErpSupplierSetup) {
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

export function erpAddressBody(address: AddressValue) {
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
  return address.city.toUpperCase().replace(/[^A-Z0-9 ]/g, '').trim().slice(0, SITE_NAME_LENGTH).trim() || MAIN_ADDRESS_NAME;
}

export function erpSiteBody(address: AddressValue, addressId: number, paysByTransfer: boolean) {
  return {
    SupplierSite: erpSiteName(address),
    ProcurementBU: PROCUREMENT_BU,
    SupplierAddressId: addressId,
    PaymentMethodCode: paysByTransfer ? 'EFT' : 'CHECK',
  };
}

export function erpBankAccountBody(bank: NonNullable<ErpSupplierSetup['bankAccount']>, partyId: number) {
  return {
    BankAccountNumber: bank.accountNumber,
    BankBranchNumber: bank.routingNumber,
    AccountType: bank.accountType,
    accountOwners: [{ AccountOwnerPartyIdentifier: partyId }],
  };
}

// ----- reading ERP payloads: tolerant, because real ones are dirty -----

const idValue = z.union([z.number(), z.string().min(1)]).transform(String);
const createdIds = z.object({ SupplierId: idValue, SupplierPartyId: idValue, SupplierNumber: z.union([z.string(), z.number()]).transform(String) }).loose();

/** The ids a supplier POST answers with. */
export function readCreatedSupplier(body: unknown): { supplierId: string; partyId: string; supplierNumber: string } {
  const parsed = createdIds.parse(body);
  return { supplierId: parsed.SupplierId, partyId: parsed.SupplierPartyId, supplierNumber: parsed.SupplierNumber };
}

export function readId(body: unknown, attribute: 'SupplierAddressId' | 'SupplierSiteId' | 'BankAccountId'): string {
  return z.object({ [attribute]: idValue }).loose().parse(body)[attribute] as string;
}

const erpSupplierPayload = z
  .object({
    SupplierId: idValue,
    SupplierNumber: z.union([z.string(), z.number()]).transform(String),
    Supplier: z.string(),
    AlternateName: z.string().nullish(),
    TaxpayerId: z.string().nullish(),
    Status: z.string().nullish(),
    BusinessRelationshipCode: z.string().nullish(),
    addresses: z
      .object({
        items: z.array(
          z.object({ AddressLine1: z.string().nullish(), AddressLine2: z.string().nullish(), City: z.string().nullish(), State: z.string().nullish(), PostalCode: z.string().nullish(), CountryCode: z.string().nullish() }).loose(),
        ),
      })
      .loose()
      .nullish(),
  })
  .loose();

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
function canonicalStatus(status: string | null | undefined, relationship: string | null | undefined, issues: string[]): SupplierStatus | null {
  if (status === 'INACTIVE') return 'INACTIVE';
  if (status === 'ACTIVE' && relationship === 'SPEND_AUTHORIZED') return 'ACTIVE';
  if (status === 'ACTIVE' && relationship === 'PROSPECTIVE') return 'APPROVED';
  issues.push(`Unknown supplier status ${status ?? '(none)'} / ${relationship ?? '(none)'}`);
  return null;
}

type ErpAddressPayload = NonNullable<z.output<typeof erpSupplierPayload>['addresses']>['items'][number];

function canonicalAddress(address: ErpAddressPayload | undefined): AddressValue | null {
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

/** Reads `GET /suppliers/{id}?expand=addresses` (or a business event's `Resource`). */
export function fromErpSupplier(body: unknown): ErpSupplierView {
  const payload = erpSupplierPayload.parse(body);
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

const fusionError = z
  .object({ title: z.string().optional(), detail: z.string().optional(), 'o:errorCode': z.string().optional(), 'o:errorDetails': z.array(z.object({ detail: z.string().optional() }).loose()).optional() })
  .loose();

/** "POZ-TAXPAYER-ID-INVALID: The taxpayer id …" from a Fusion error body. */
export function describeFusionError(body: unknown): string {
  const parsed = fusionError.safeParse(body);
  if (!parsed.success) return typeof body === 'string' ? body.slice(0, 200) : 'no error details';
  const detail = parsed.data['o:errorDetails']?.[0]?.detail ?? parsed.data.detail ?? parsed.data.title ?? '';
  return `${parsed.data['o:errorCode'] ?? 'error'}: ${detail}`;
}
