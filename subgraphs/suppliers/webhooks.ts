import {
  VENDOR_PLATFORM_SYSTEM,
  vendorPlatformClient,
  type VendorPlatformClient,
  vendorEventTypes,
  vendorPlatformWebhooks,
  type VendorEvent,
  readRegistrationEvent,
} from '@procuregraph/connector-vendor-platform';
import type { Database } from '@procuregraph/platform/db';
import { auditLogOn } from '@procuregraph/platform/audit';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import type { BackingSystemEndpoints } from '@procuregraph/platform/config';
import type { Logger } from '@procuregraph/platform/logging';
import {
  MalformedWebhookError,
  processInboundEventOutsideTransaction,
  subscribeToWebhooks,
  type InboundOutcome,
  type WebhookSubscription,
} from '@procuregraph/platform/inbound';
import { describeError, RemoteHttpError, type CallPolicy } from '@procuregraph/platform/resilience';
import { inboundEntityVersions, inboundEvents } from './db/tables.ts';
import { onboardSupplier, type OnboardingDependencies, type RegistrationArrival } from './onboarding/onboard.ts';
import { approveSupplier, rejectSupplier } from './onboarding/review.ts';
import { supplierOfRegistration } from './supplier/external-references.ts';
import { linkKnownSupplier } from './onboarding/portal-enrollment.ts';
import { onboardingDependencies, type Environment } from './onboarding/configuration.ts';
import { fromRegistration } from './vendor-platform-mapping.ts';
import { registrationRejectionNote } from './onboarding/registration-rejection.ts';

export interface VendorPlatformWebhookDependencies {
  db: Database;
  cipher: FieldCipher;
  systems: Pick<BackingSystemEndpoints, 'vendorPlatformUrl' | 'vendorPlatformWebhookSecret'>;
  logger: Logger;
  /** `SCREENING_LEIE_FILE` and `INSURANCE_MIN_GENERAL_LIABILITY`, as for the mutations. */
  environment: Environment;
  /** The platform's breaker and timeout: the process's, shared with every job. */
  policy: CallPolicy;
}

type Outcome = { outcome: string; supplierId?: string; errors?: string[] };

/** Who the audit log names for a registration decided on the vendor platform. */
const VENDOR_PLATFORM_ACTOR = 'vendor-platform';

/** Registrations are keyed by their platform id, so a redelivered or replayed event finds the same supplier. */
const registrationKey = (registrationId: string) => `vendor-platform:${registrationId}`;

/** The platform answers 409 when the registration was decided meanwhile; that decision stands. */
async function rejectOnPlatform(platform: VendorPlatformClient, registrationId: string, note: string): Promise<void> {
  try {
    await platform.rejectRegistration(registrationId, note);
  } catch (error) {
    if (!(error instanceof RemoteHttpError && error.status === 409)) throw error;
  }
}

/**
 * Fetches the full registration (events carry it masked) and onboards it exactly like the
 * mutation does; an invalid one is rejected back on the platform with every reason. One that
 * describes a supplier already known here (its portal enrollment) is linked to it instead.
 */
async function onboardRegistration(
  deps: OnboardingDependencies,
  platform: VendorPlatformClient,
  registrationId: string,
  arrival: RegistrationArrival,
): Promise<Outcome> {
  const known = await supplierOfRegistration(deps.db, registrationId);
  if (known) return { outcome: 'ALREADY_LINKED', supplierId: known };
  const registration = fromRegistration(await platform.getRegistration(registrationId));
  const linked = await linkKnownSupplier(deps.db, deps.cipher, registrationId, registration.input);
  if (linked) return { outcome: 'LINKED', supplierId: linked };
  const result = await onboardSupplier(deps, {
    input: registration.input,
    idempotencyKey: registrationKey(registrationId),
    source: { system: 'VENDOR_PLATFORM', externalId: registrationId },
    arrival,
  });
  if (result.supplier) return { outcome: 'ONBOARDED', supplierId: result.supplier.id };
  await rejectOnPlatform(platform, registrationId, registrationRejectionNote(result.userErrors));
  return { outcome: 'REJECTED', errors: result.userErrors.map((error) => error.code) };
}

/** An event that names no registration is refused, not retried. */
function registrationOf(event: VendorEvent): ReturnType<typeof readRegistrationEvent> {
  try {
    return readRegistrationEvent(event.data);
  } catch (error) {
    throw new MalformedWebhookError(describeError(error));
  }
}

async function handleEvent(
  deps: VendorPlatformWebhookDependencies,
  onboarding: OnboardingDependencies,
  platform: VendorPlatformClient,
  event: VendorEvent,
  arrival: RegistrationArrival,
): Promise<Outcome> {
  const { registrationId, reviewNote } = registrationOf(event);
  if (event.type === vendorEventTypes.registrationSubmitted) return onboardRegistration(onboarding, platform, registrationId, arrival);
  // Deliveries may come out of order: a decision about a registration not seen yet onboards it first.
  let supplierId = await supplierOfRegistration(deps.db, registrationId);
  if (!supplierId) {
    const onboarded = await onboardRegistration(onboarding, platform, registrationId, arrival);
    if (!onboarded.supplierId) return onboarded;
    supplierId = onboarded.supplierId;
  }
  const approval = event.type === vendorEventTypes.registrationApproved;
  const result = approval
    ? await approveSupplier(deps.db, supplierId)
    : await rejectSupplier(deps.db, supplierId, reviewNote ?? 'Rejected on the vendor platform');
  const errors = result.userErrors.map((error) => error.code);
  await auditDecision(deps.db, event.type, supplierId, errors);
  return { outcome: errors.length > 0 ? 'NOT_APPLIED' : approval ? 'APPROVED' : 'REJECTED', supplierId, errors };
}

/**
 * A decision made on the vendor platform is audited as a mutation in the graph is, refused or not:
 * an approval held back by a screening hold is exactly what a compliance officer looks for.
 */
async function auditDecision(db: Database, eventType: string, supplierId: string, errors: string[]): Promise<void> {
  await auditLogOn(db).append([
    {
      actor: VENDOR_PLATFORM_ACTOR,
      role: 'integration',
      supplierId: null,
      service: 'suppliers',
      kind: 'MUTATION',
      operation: eventType,
      recordType: 'Supplier',
      recordId: supplierId,
      clientAddress: null,
      outcome: errors.length > 0 ? 'USER_ERROR' : 'SUCCEEDED',
      detail: { codes: errors },
    },
  ]);
}

const registrationTypes: readonly string[] = [
  vendorEventTypes.registrationSubmitted,
  vendorEventTypes.registrationApproved,
  vendorEventTypes.registrationRejected,
];

export type RegistrationEventOutcome = Outcome & { inbound: InboundOutcome };

/**
 * How a vendor platform event reaches suppliers, by webhook, from the feed or replayed from the
 * dead letters: once per event id, checked before anything is done (the steps are idempotent by
 * registration too). Calls to the platform go through its breaker and timeout, as every job's do.
 */
export function registrationEvents(
  deps: VendorPlatformWebhookDependencies,
): (event: VendorEvent, arrival: RegistrationArrival) => Promise<RegistrationEventOutcome> {
  const platform = guardedPlatform(vendorPlatformClient(deps.systems.vendorPlatformUrl), deps.policy);
  const onboarding = onboardingDependencies(deps.db, deps.cipher, deps.environment);
  return async (event, arrival) => {
    let outcome: Outcome = { outcome: 'IGNORED' };
    const inbound = await processInboundEventOutsideTransaction(
      deps.db,
      { inboundEvents, inboundEntityVersions },
      { source: VENDOR_PLATFORM_SYSTEM, sourceEventId: event.id },
      async () => {
        if (registrationTypes.includes(event.type)) outcome = await handleEvent(deps, onboarding, platform, event, arrival);
      },
    );
    return inbound === 'DUPLICATE' ? { outcome: 'DUPLICATE', inbound } : { ...outcome, inbound };
  };
}

/** The platform's calls this workflow makes, each through the platform's breaker and timeout. */
function guardedPlatform(platform: VendorPlatformClient, policy: CallPolicy): VendorPlatformClient {
  return {
    ...platform,
    getRegistration: (registrationId) => policy.execute((signal) => platform.getRegistration(registrationId, signal)),
    rejectRegistration: (registrationId, note) => policy.execute((signal) => platform.rejectRegistration(registrationId, note, signal)),
  };
}

/**
 * The webhooks suppliers handles: the vendor platform's registrations, submitted and decided. A
 * failure to reach the platform answers 502 so it delivers again; if every delivery fails, the
 * platform's event feed brings the event (registration-feed.ts).
 */
export function suppliersWebhooks(deps: VendorPlatformWebhookDependencies): WebhookSubscription[] {
  const apply = registrationEvents(deps);
  const log = deps.logger.child({ component: 'vendor-platform-webhooks' });
  const registrations = subscribeToWebhooks(
    vendorPlatformWebhooks(deps.systems.vendorPlatformWebhookSecret),
    registrationTypes,
    async (event) => {
      const { inbound: _inbound, ...outcome } = await apply(event, 'webhook');
      log.info({ eventId: event.id, type: event.type, ...outcome }, 'vendor platform event handled');
      return { status: 200, body: outcome };
    },
  );
  return [registrations];
}
