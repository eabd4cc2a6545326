import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Database } from '@procuregraph/platform/db/database';
import type { FieldCipher } from '@procuregraph/platform/crypto/field-encryption';
import type { BackingSystemEndpoints } from '@procuregraph/platform/jobs/subgraph-workers';
import type { Logger } from '@procuregraph/platform/logging';
import { verifyWebhook } from '@procuregraph/platform/inbound/signature';
import { RemoteHttpError, describeError } from '@procuregraph/platform/resilience/failures';
import { vendorPlatformConnector, type VendorPlatformConnector } from './connectors/vendor-platform.ts';
import { onboardSupplier, type OnboardingDependencies } from './onboarding/onboard.ts';
import { approveSupplier, rejectSupplier, supplierOfRegistration } from './onboarding/review.ts';
import { linkKnownSupplier } from './onboarding/portal-enrollment.ts';
import { onboardingDependencies, type Environment } from './onboarding/configuration.ts';
import { registrationRejectionNote } from './onboarding/registration-rejection.ts';

export interface VendorPlatformWebhookDependencies {
  db: Database;
  cipher: FieldCipher;
  systems: Pick<BackingSystemEndpoints, 'vendorPlatformUrl' | 'vendorPlatformWebhookSecret'>;
  logger: Logger;
  /** `SCREENING_LEIE_FILE` and `INSURANCE_MIN_GENERAL_LIABILITY`, as for the mutations. */
  environment: Environment;
}

const registrationEvent = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.object({ registration: z.object({ id: z.string().min(1), reviewNote: z.string().nullish() }).loose() }).loose(),
});
type RegistrationEvent = z.infer<typeof registrationEvent>;

type Outcome = { outcome: string; supplierId?: string; errors?: string[] };

/** Registrations are keyed by their platform id, so a redelivered or replayed event finds the same supplier. */
const registrationKey = (registrationId: string) => `vendor-platform:${registrationId}`;

/** The platform answers 409 when the registration was decided meanwhile; that decision stands. */
async function rejectOnPlatform(platform: VendorPlatformConnector, registrationId: string, note: string): Promise<void> {
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
async function onboardRegistration(deps: OnboardingDependencies, platform: VendorPlatformConnector, registrationId: string): Promise<Outcome> {
  const known = await supplierOfRegistration(deps.db, registrationId);
  if (known) return { outcome: 'ALREADY_LINKED', supplierId: known };
  const registration = await platform.getRegistration(registrationId);
  const linked = await linkKnownSupplier(deps.db, deps.cipher, registrationId, registration.input);
  if (linked) return { outcome: 'LINKED', supplierId: linked };
  const result = await onboardSupplier(deps, {
    input: registration.input,
    idempotencyKey: registrationKey(registrationId),
    source: { system: 'VENDOR_PLATFORM', externalId: registrationId },
  });
  if (result.supplier) return { outcome: 'ONBOARDED', supplierId: result.supplier.id };
  await rejectOnPlatform(platform, registrationId, registrationRejectionNote(result.userErrors));
  return { outcome: 'REJECTED', errors: result.userErrors.map((error) => error.code) };
}

async function handleEvent(deps: VendorPlatformWebhookDependencies, onboarding: OnboardingDependencies, platform: VendorPlatformConnector, event: RegistrationEvent): Promise<Outcome> {
  const registrationId = event.data.registration.id;
  if (event.type === 'registration.submitted') return onboardRegistration(onboarding, platform, registrationId);
  if (event.type !== 'registration.approved' && event.type !== 'registration.rejected') return { outcome: 'IGNORED' };
  // Deliveries may come out of order: a decision about a registration not seen yet onboards it first.
  let supplierId = await supplierOfRegistration(deps.db, registrationId);
  if (!supplierId) {
    const onboarded = await onboardRegistration(onboarding, platform, registrationId);
    if (!onboarded.supplierId) return onboarded;
    supplierId = onboarded.supplierId;
  }
  const result =
    event.type === 'registration.approved'
      ? await approveSupplier(deps.db, supplierId)
      : await rejectSupplier(deps.db, supplierId, event.data.registration.reviewNote ?? 'Rejected on the vendor platform');
  return { outcome: result.userErrors.length > 0 ? 'NOT_APPLIED' : event.type === 'registration.approved' ? 'APPROVED' : 'REJECTED', supplierId, errors: result.userErrors.map((error) => error.code) };
}

/**
 * `POST /` for the vendor platform's `registration.*` webhooks (mounted at
 * `/webhooks/vendor-platform`). Authenticated on the raw body before anything is read; a failure
 * to reach the platform answers 502 so it delivers again, and every step is idempotent.
 */
export function vendorPlatformWebhooks(deps: VendorPlatformWebhookDependencies): Router {
  const router = express.Router();
  const platform = vendorPlatformConnector(deps.systems.vendorPlatformUrl);
  const onboarding = onboardingDependencies(deps.db, deps.cipher, deps.environment);
  const log = deps.logger.child({ component: 'vendor-platform-webhooks' });
  router.post('/', express.raw({ type: '*/*', limit: '1mb' }), async (request: Request, response: Response) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const verified = verifyWebhook({ headers: request.headers, rawBody }, { secret: deps.systems.vendorPlatformWebhookSecret, parse: (json) => registrationEvent.parse(json) });
    if (!verified.ok) {
      response.status(verified.status).json({ error: verified.reason });
      return;
    }
    try {
      const outcome = await handleEvent(deps, onboarding, platform, verified.body);
      log.info({ eventId: verified.body.id, type: verified.body.type, ...outcome }, 'vendor platform event handled');
      response.status(200).json(outcome);
    } catch (error) {
      log.warn({ eventId: verified.body.id, error: describeError(error) }, 'vendor platform event failed; the platform will deliver it again');
      response.status(error instanceof RemoteHttpError ? 502 : 500).json({ error: 'NOT_PROCESSED' });
    }
  });
  return router;
}
