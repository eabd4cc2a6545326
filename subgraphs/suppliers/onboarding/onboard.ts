import { eq, sql } from 'drizzle-orm';
import { type Database, type Queryable, newId, recordJourneyStep, type BackingSystem } from '@procuregraph/platform/db';
import { recordBusinessEvent } from '@procuregraph/platform/business';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import type { UserError } from '@procuregraph/platform/graphql';
import {
  externalReferences,
  insuranceCertificates,
  supplierNumberSequence,
  suppliers,
  suppliersSchema,
  type SupplierRow,
} from '../db/tables.ts';
import type { ExclusionScreening } from '../screening/exclusion-screening.ts';
import type { ScreeningOutcome } from '../screening/exclusion-list.ts';
import { addressLineKey } from './contact-normalization.ts';
import { insuranceStatusOn } from './insurance-status.ts';
import { inputFingerprint, submittedRecord } from './input-fingerprint.ts';
import { bankAccountFingerprint, lastFour } from '../supplier/identifiers.ts';
import { announceStatus } from '../supplier/status-change.ts';
import { holdNewSupplier } from '../compliance/holds.ts';
import { defaultInsurancePolicy, validateOnboarding, type InsurancePolicy, type NormalizedSupplier } from './validation.ts';
import type { OnboardingInput } from '../supplier/registration.ts';

export interface OnboardingDependencies {
  db: Database;
  cipher: FieldCipher;
  screening: ExclusionScreening;
  insurancePolicy?: InsurancePolicy;
  /** The clock; tests set the day certificates are judged on. */
  now?: () => Date;
}

export interface OnboardingRequest {
  input: OnboardingInput;
  idempotencyKey?: string | null;
  /** Where the registration came from, when not from the graph: kept as an external reference. */
  source?: { system: BackingSystem; externalId: string };
  /** How a registration from a backing system reached us: its webhook, or the catch-up of its feed. */
  arrival?: RegistrationArrival;
}

export type RegistrationArrival = 'webhook' | 'feed';

export interface OnboardingResult {
  supplier: SupplierRow | null;
  userErrors: UserError[];
}

const refused = (error: UserError): OnboardingResult => ({ supplier: null, userErrors: [error] });

/** The same key with the same input is the same request: its supplier; with other input, a mistake. */
async function idempotentReplay(db: Queryable, key: string, fingerprint: string): Promise<OnboardingResult | null> {
  const [existing] = await db.select().from(suppliers).where(eq(suppliers.idempotencyKey, key));
  if (!existing) return null;
  if (existing.inputFingerprint === fingerprint) return { supplier: existing, userErrors: [] };
  return refused({
    field: ['input', 'idempotencyKey'],
    code: 'IDEMPOTENCY_KEY_REUSED',
    message: `The idempotency key ${key} was used for a different registration`,
  });
}

type DuplicateField = 'taxId' | 'legalName' | 'bankAccount';

/** Same TIN, same bank account, or same normalized legal name at the same street address and ZIP code. */
async function findDuplicate(db: Queryable, supplier: NormalizedSupplier, cipher: FieldCipher): Promise<DuplicateField | null> {
  const [sameTaxId] = await db
    .select()
    .from(suppliers)
    .where(eq(suppliers.taxIdFingerprint, cipher.fingerprint(supplier.taxId)));
  if (sameTaxId) return 'taxId';
  const bank = supplier.bankAccount;
  if (bank) {
    const fingerprint = bankAccountFingerprint(cipher, bank.routingNumber, bank.accountNumber);
    const [sameAccount] = await db.select().from(suppliers).where(eq(suppliers.bankAccountFingerprint, fingerprint)).limit(1);
    if (sameAccount) return 'bankAccount';
  }
  const sameName = await db.select().from(suppliers).where(eq(suppliers.legalNameKey, supplier.legalNameKey));
  const line = addressLineKey(supplier.address.line1);
  const sameAddress = sameName.find(
    (row) => addressLineKey(row.address.line1) === line && row.address.postalCode.slice(0, 5) === supplier.address.postalCode.slice(0, 5),
  );
  return sameAddress ? 'legalName' : null;
}

const duplicateWhat: Record<DuplicateField, { field: string[]; what: string }> = {
  taxId: { field: ['input', 'taxId'], what: 'the same tax id' },
  legalName: { field: ['input', 'legalName'], what: 'the same legal name and address' },
  bankAccount: { field: ['input', 'bankAccount', 'accountNumber'], what: 'the same bank account' },
};

/** Names neither the supplier found nor its number: the caller may not be allowed to read it. */
function duplicateError(duplicate: DuplicateField): UserError {
  const { field, what } = duplicateWhat[duplicate];
  return { field, code: 'DUPLICATE_SUPPLIER', message: `A supplier with ${what} is already registered` };
}

function excludedError(outcome: Extract<ScreeningOutcome, { reason: string }>): UserError {
  return { field: ['input', 'legalName'], code: 'EXCLUDED_PARTY', message: outcome.reason };
}

function supplierValues(
  deps: OnboardingDependencies,
  request: OnboardingRequest,
  supplier: NormalizedSupplier,
  screening: ScreeningOutcome,
  today: string,
) {
  const { cipher } = deps;
  const held = screening.status === 'POTENTIAL_MATCH';
  const bank = supplier.bankAccount;
  return {
    id: newId(),
    supplierNumber: sql<string>`'SUP-' || nextval(${sql.raw(`'suppliers.${supplierNumberSequence.seqName}'`)})`,
    legalName: supplier.legalName,
    legalNameKey: supplier.legalNameKey,
    dbaName: supplier.dbaName,
    category: supplier.category,
    // A possible exclusion waits for compliance before anyone may approve it.
    status: held ? ('ON_HOLD' as const) : ('PENDING_APPROVAL' as const),
    statusBeforeHold: held ? ('PENDING_APPROVAL' as const) : null,
    taxIdCiphertext: cipher.encrypt(supplier.taxId),
    taxIdLast4: lastFour(supplier.taxId),
    taxIdFingerprint: cipher.fingerprint(supplier.taxId),
    address: supplier.address,
    contact: supplier.contact,
    bankRoutingNumber: bank?.routingNumber ?? null,
    bankAccountCiphertext: bank ? cipher.encrypt(bank.accountNumber) : null,
    bankAccountLast4: bank ? lastFour(bank.accountNumber) : null,
    bankAccountFingerprint: bank ? bankAccountFingerprint(cipher, bank.routingNumber, bank.accountNumber) : null,
    bankAccountType: bank?.accountType ?? null,
    screeningStatus: screening.status,
    screeningCheckedAt: new Date(),
    screeningMatch: screening.status === 'CLEAR' ? null : screening.reason,
    insuranceStatus: insuranceStatusOn(supplier.insuranceCertificates, supplier.category, today),
    idempotencyKey: request.idempotencyKey ?? null,
    inputFingerprint: inputFingerprint(supplier),
    submitted: submittedRecord(request.input),
  };
}

/** The first steps of the supplier's journey: where the registration came from, and its screening. */
async function recordIntake(tx: Queryable, supplierId: string, request: OnboardingRequest, screening: ScreeningOutcome): Promise<void> {
  const step = { entityId: supplierId, service: suppliersSchema.schemaName, outcome: 'SUCCEEDED' } as const;
  const source = request.source?.system;
  const received = request.arrival ? `registration received (${request.arrival})` : 'registration received';
  await recordJourneyStep(tx, { ...step, system: source ?? 'PROCUREGRAPH', action: source ? received : 'onboardSupplier' });
  await recordJourneyStep(tx, { ...step, system: 'PROCUREGRAPH', action: `screening: ${screening.status}` });
  // Where the vendor activation time starts.
  await recordBusinessEvent(tx, { kind: 'SUPPLIER_REGISTERED', supplierId, entityId: supplierId });
}

async function insertSupplier(
  deps: OnboardingDependencies,
  request: OnboardingRequest,
  supplier: NormalizedSupplier,
  screening: ScreeningOutcome,
  today: string,
): Promise<SupplierRow> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(suppliers)
      .values(supplierValues(deps, request, supplier, screening, today))
      .returning();
    const created = row!;
    if (created.status === 'ON_HOLD') await holdNewSupplier(tx, created.id, 'SCREENING');
    if (supplier.insuranceCertificates.length > 0) {
      await tx
        .insert(insuranceCertificates)
        .values(supplier.insuranceCertificates.map((certificate) => ({ id: newId(), supplierId: created.id, ...certificate })));
    }
    if (request.source) await tx.insert(externalReferences).values({ supplierId: created.id, ...request.source });
    await recordIntake(tx, created.id, request, screening);
    await announceStatus(tx, created, null, created.status, created.createdAt);
    return created;
  });
}

function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; cause?: { code?: unknown } };
  return candidate?.code === '23505' || candidate?.cause?.code === '23505';
}

/** Everything that refuses a valid registration: a reused key, an exclusion, a duplicate. */
async function refusal(
  deps: OnboardingDependencies,
  request: OnboardingRequest,
  supplier: NormalizedSupplier,
  screening: ScreeningOutcome,
): Promise<OnboardingResult | null> {
  if (request.idempotencyKey) {
    const replay = await idempotentReplay(deps.db, request.idempotencyKey, inputFingerprint(supplier));
    if (replay) return replay;
  }
  if (screening.status === 'EXCLUDED') return refused(excludedError(screening));
  const duplicate = await findDuplicate(deps.db, supplier, deps.cipher);
  return duplicate ? refused(duplicateError(duplicate)) : null;
}

/**
 * Onboards one registration: validation and normalization, idempotency, exclusion screening,
 * duplicate detection, then the supplier (PENDING_APPROVAL, or ON_HOLD for a possible exclusion)
 * with its certificates and first status event in one transaction. Any refusal writes nothing.
 */
export async function onboardSupplier(deps: OnboardingDependencies, request: OnboardingRequest): Promise<OnboardingResult> {
  const today = (deps.now?.() ?? new Date()).toISOString().slice(0, 10);
  const validation = validateOnboarding(request.input, { ...(deps.insurancePolicy ?? defaultInsurancePolicy), today });
  if (!validation.ok) return { supplier: null, userErrors: validation.errors };
  const supplier = validation.supplier;
  const screening = (await deps.screening.current()).screen({
    legalName: supplier.legalName,
    state: supplier.address.country === 'US' ? supplier.address.region : null,
  });
  const refusalBefore = await refusal(deps, request, supplier, screening);
  if (refusalBefore) return refusalBefore;
  try {
    return { supplier: await insertSupplier(deps, request, supplier, screening, today), userErrors: [] };
  } catch (error) {
    // A concurrent request with the same key or TIN won the race: answer as if it had come first.
    if (!isUniqueViolation(error)) throw error;
    const refusalAfter = await refusal(deps, request, supplier, screening);
    if (refusalAfter) return refusalAfter;
    throw error;
  }
}
