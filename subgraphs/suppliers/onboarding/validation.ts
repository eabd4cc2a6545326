import type { UserError } from '@procuregraph/platform/graphql';
import { decimal, isDecimalString } from '@procuregraph/platform/money';
import { legalNameKey } from '../supplier/legal-name.ts';
import type { AddressValue, BankAccountType, ContactValue, InsuranceType, SupplierCategory } from '../db/tables.ts';
import { cleanText, formatZip, isKnownUsRegion, normalizeEmail, toE164 } from './contact-normalization.ts';
import { isValidRoutingNumber, parseTaxId } from '../supplier/identifiers.ts';
import { formatLegalName } from './legal-name-format.ts';
import type { CertificateInput, OnboardingInput } from '../supplier/registration.ts';

export interface NormalizedCertificate {
  type: InsuranceType;
  carrier: string;
  policyNumber: string;
  /** Decimal string. */
  coverageAmount: string;
  expiresOn: string;
}

/** What is stored: every value in its one canonical spelling. */
export interface NormalizedSupplier {
  legalName: string;
  legalNameKey: string;
  dbaName: string | null;
  category: SupplierCategory;
  /** Nine digits; encrypted before it is stored. */
  taxId: string;
  address: AddressValue;
  contact: ContactValue;
  bankAccount: { routingNumber: string; accountNumber: string; accountType: BankAccountType } | null;
  insuranceCertificates: NormalizedCertificate[];
}

export interface InsurancePolicy {
  /** Minimum general liability coverage per occurrence, a decimal string. */
  minimumGeneralLiability: string;
}

export interface ValidationOptions extends InsurancePolicy {
  /** YYYY-MM-DD: certificates expiring before this day are expired. */
  today: string;
}

export const defaultInsurancePolicy: InsurancePolicy = { minimumGeneralLiability: '1000000' };

/** Registrations do not carry a category; the vendor platform's are general medical-surgical suppliers. */
const DEFAULT_CATEGORY: SupplierCategory = 'MEDICAL_SURGICAL';

/** Clinical services need professional liability cover besides general liability. */
export const CLINICAL_CATEGORIES: ReadonlySet<SupplierCategory> = new Set(['STAFFING', 'BIOMEDICAL_EQUIPMENT_SERVICE', 'LABORATORY']);

export type ValidationResult = { ok: true; supplier: NormalizedSupplier } | { ok: false; errors: UserError[] };

/** Collects every problem of one registration instead of stopping at the first. */
class Problems {
  readonly errors: UserError[] = [];

  add(path: readonly (string | number)[], code: string, message: string): void {
    this.errors.push({ field: ['input', ...path.map(String)], code, message });
  }

  /** The trimmed text, or a REQUIRED problem and the empty string. */
  required(path: readonly (string | number)[], value: string | null | undefined, label: string): string {
    const text = cleanText(value ?? '');
    if (text === '') this.add(path, 'REQUIRED', `${label} is required`);
    return text;
  }
}

function optionalText(value: string | null | undefined): string | null {
  const text = cleanText(value ?? '');
  return text === '' ? null : text;
}

function validateTaxId(problems: Problems, taxId: string | null | undefined): string {
  const text = problems.required(['taxId'], taxId, 'The tax id (EIN)');
  if (text === '') return '';
  const parsed = parseTaxId(text);
  if ('digits' in parsed) return parsed.digits;
  const message =
    parsed.problem === 'FORMAT'
      ? 'The tax id must be an EIN of nine digits, written NN-NNNNNNN or NNNNNNNNN'
      : `The EIN prefix ${text.slice(0, 2)} is not an IRS campus prefix`;
  problems.add(['taxId'], 'INVALID_TAX_ID', message);
  return '';
}

function validateAddress(problems: Problems, address: OnboardingInput['address']): AddressValue {
  if (!address) {
    problems.add(['address'], 'REQUIRED', 'The address is required');
    return { line1: '', line2: null, city: '', region: '', postalCode: '', country: 'US' };
  }
  const country = cleanText(address.country ?? 'US').toUpperCase();
  const line1 = problems.required(['address', 'line1'], address.line1, 'The street address');
  const city = problems.required(['address', 'city'], address.city, 'The city');
  const region = problems.required(['address', 'region'], address.region, 'The state').toUpperCase();
  const rawPostalCode = problems.required(['address', 'postalCode'], address.postalCode, 'The ZIP code');
  if (!/^[A-Z]{2}$/.test(country))
    problems.add(['address', 'country'], 'INVALID_ADDRESS', 'The country must be an ISO 3166 two-letter code');
  const isUs = country === 'US';
  if (isUs && region !== '' && !isKnownUsRegion(region))
    problems.add(['address', 'region'], 'INVALID_ADDRESS', `${region} is not a US state code`);
  const zip = isUs ? formatZip(rawPostalCode) : rawPostalCode;
  if (rawPostalCode !== '' && zip === null)
    problems.add(['address', 'postalCode'], 'INVALID_ADDRESS', 'The ZIP code must be 5 digits or ZIP+4');
  return { line1, line2: optionalText(address.line2), city, region, postalCode: zip ?? rawPostalCode, country };
}

function validateContact(problems: Problems, contact: OnboardingInput['contact'], country: string): ContactValue {
  if (!contact) {
    problems.add(['contact'], 'REQUIRED', 'A contact is required');
    return { name: '', email: '', phone: null };
  }
  const name = problems.required(['contact', 'name'], contact.name, 'The contact name');
  const rawEmail = problems.required(['contact', 'email'], contact.email, 'The contact e-mail');
  const email = rawEmail === '' ? '' : normalizeEmail(rawEmail);
  if (email === null) problems.add(['contact', 'email'], 'INVALID_EMAIL', `${rawEmail} is not an e-mail address`);
  const rawPhone = optionalText(contact.phone);
  const phone = rawPhone === null ? null : toE164(rawPhone, country);
  if (rawPhone !== null && phone === null)
    problems.add(
      ['contact', 'phone'],
      'INVALID_PHONE',
      `${rawPhone} is not a valid phone number (in ${country} unless it starts with + and a country code)`,
    );
  return { name, email: email ?? '', phone };
}

function validateBankAccount(problems: Problems, bank: OnboardingInput['bankAccount']): NormalizedSupplier['bankAccount'] {
  if (!bank) return null;
  const routingNumber = problems.required(['bankAccount', 'routingNumber'], bank.routingNumber, 'The routing number').replace(/\s/g, '');
  const accountNumber = problems.required(['bankAccount', 'accountNumber'], bank.accountNumber, 'The account number').replace(/[\s-]/g, '');
  if (routingNumber !== '' && !isValidRoutingNumber(routingNumber)) {
    problems.add(['bankAccount', 'routingNumber'], 'INVALID_ROUTING_NUMBER', 'The routing number fails the ABA checksum');
  }
  if (accountNumber !== '' && !/^\d{4,17}$/.test(accountNumber)) {
    problems.add(['bankAccount', 'accountNumber'], 'INVALID_ACCOUNT_NUMBER', 'The account number must be 4 to 17 digits');
  }
  if (!bank.accountType) problems.add(['bankAccount', 'accountType'], 'REQUIRED', 'The account type is required');
  return { routingNumber, accountNumber, accountType: bank.accountType ?? 'CHECKING' };
}

function validateCertificate(problems: Problems, certificate: CertificateInput, index: number, today: string): NormalizedCertificate {
  const path = ['insuranceCertificates', index];
  const carrier = problems.required([...path, 'carrier'], certificate.carrier, 'The insurance carrier');
  const policyNumber = problems.required([...path, 'policyNumber'], certificate.policyNumber, 'The policy number');
  const coverageAmount = cleanText(certificate.coverageAmount ?? '');
  if (!isDecimalString(coverageAmount) || decimal(coverageAmount).lte(0)) {
    problems.add([...path, 'coverageAmount'], 'INSURANCE_INSUFFICIENT', 'The coverage amount must be a positive decimal');
  }
  const expiresOn = problems.required([...path, 'expiresOn'], certificate.expiresOn, 'The expiry date');
  if (expiresOn !== '' && expiresOn < today) {
    problems.add([...path, 'expiresOn'], 'INSURANCE_EXPIRED', `The ${certificate.type} certificate expired on ${expiresOn}`);
  }
  return { type: certificate.type, carrier, policyNumber, coverageAmount, expiresOn };
}

function requireCertificate(problems: Problems, certificates: NormalizedCertificate[], type: InsuranceType, minimum: string | null): void {
  const candidates = certificates.filter((certificate) => certificate.type === type);
  if (candidates.length === 0) {
    problems.add(['insuranceCertificates'], 'INSURANCE_INSUFFICIENT', `A ${type} certificate is required`);
    return;
  }
  const covered = candidates.some(
    (certificate) => isDecimalString(certificate.coverageAmount) && (minimum === null || decimal(certificate.coverageAmount).gte(minimum)),
  );
  if (!covered) {
    const index = certificates.indexOf(candidates[0]!);
    problems.add(
      ['insuranceCertificates', index, 'coverageAmount'],
      'INSURANCE_INSUFFICIENT',
      `${type} coverage must be at least ${minimum} per occurrence`,
    );
  }
}

function validateInsurance(
  problems: Problems,
  input: OnboardingInput,
  category: SupplierCategory,
  options: ValidationOptions,
): NormalizedCertificate[] {
  const certificates = (input.insuranceCertificates ?? []).map((certificate, index) =>
    validateCertificate(problems, certificate, index, options.today),
  );
  requireCertificate(problems, certificates, 'GENERAL_LIABILITY', options.minimumGeneralLiability);
  if (CLINICAL_CATEGORIES.has(category)) requireCertificate(problems, certificates, 'PROFESSIONAL_LIABILITY', null);
  return certificates;
}

/** Validates and normalizes a registration; pure, so the same rules hold for the graph and the vendor platform. */
export function validateOnboarding(input: OnboardingInput, options: ValidationOptions): ValidationResult {
  const problems = new Problems();
  const rawName = problems.required(['legalName'], input.legalName, 'The legal name');
  const category = input.category ?? DEFAULT_CATEGORY;
  // Problems are reported in the input's field order; the contact's phone is read in the address's country.
  const taxId = validateTaxId(problems, input.taxId);
  const address = validateAddress(problems, input.address);
  const supplier: NormalizedSupplier = {
    legalName: rawName === '' ? '' : formatLegalName(rawName),
    legalNameKey: legalNameKey(rawName),
    dbaName: optionalText(input.dbaName),
    category,
    taxId,
    address,
    contact: validateContact(problems, input.contact, address.country),
    bankAccount: validateBankAccount(problems, input.bankAccount),
    insuranceCertificates: validateInsurance(problems, input, category, options),
  };
  return problems.errors.length > 0 ? { ok: false, errors: problems.errors } : { ok: true, supplier };
}
