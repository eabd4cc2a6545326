import { erpClient } from '@procuregraph/connector-erp';
import { vendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import type { BackgroundWork, RegisterWorkers, WorkerContext } from '@procuregraph/platform/subgraph';
import type { RetryOptions } from '@procuregraph/platform/jobs';
import { describeError } from '@procuregraph/platform/resilience';
import { inSpan, NEW_TRACE, SpanKind } from '@procuregraph/platform/tracing';
import { z } from 'zod';
import { setUpInErp } from './onboarding/erp-setup.ts';
import { checkInsurance } from './onboarding/insurance-review.ts';
import { linkOnPortal } from './onboarding/portal-enrollment.ts';
import { SUPPLIER_APPROVED, SUPPLIER_ERP_LINKED, SUPPLIER_ERP_REPUSH } from './supplier/topics.ts';
import { erpSupplierComparer, repushSupplierToErp } from './erp-reconciliation.ts';
import { defineReconciliationHandler, driftAlertResolved } from '@procuregraph/platform/reconciliation';
import { releaseDriftHold } from './compliance/drift-hold-release.ts';
import { registrationComparer } from './vendor-platform-reconciliation.ts';
import type { Environment } from '@procuregraph/platform/config';
import { exclusionListSource } from './onboarding/configuration.ts';
import { sharedExclusionScreening } from './screening/exclusion-screening.ts';
import { runExclusionListReload } from './compliance/exclusion-list-runs.ts';
import { registrationFeed } from './registration-feed.ts';

export interface SuppliersWorkerOptions {
  /** Where the exclusion list comes from and how often it is reloaded; the process environment by default. */
  environment?: ScreeningEnvironment;
  /** How often the exclusion list is reloaded after the first reload, one interval after start. */
  exclusionListReloadIntervalMs?: number;
  /** Retry settings of the backing-system jobs (tests shorten them). */
  retry?: Partial<RetryOptions>;
  /** How often the insurance check runs after the one at start; daily by default. */
  insuranceCheckIntervalMs?: number;
  /** The check's clock. */
  today?: () => string;
  /** How often the vendor platform's event feed is read; every 2 s by default. */
  feedIntervalMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const erpLinkedPayload = z.object({
  vendorRegistrationId: z.string().nullable(),
  erpSupplierId: z.string(),
  erpSupplierNumber: z.string(),
});

function defineSyncHandlers(context: WorkerContext, retry: Partial<RetryOptions> | undefined): void {
  const erp = erpClient(context.systems.erpUrl);
  context.jobs.defineHandler({
    queue: 'erp-supplier-repush',
    topic: SUPPLIER_ERP_REPUSH,
    system: 'ERP',
    // One drift run asks once per drifted field: one at a time, each sees the children the last one created.
    concurrency: 1,
    ...(retry ? { retry } : {}),
    handler: (job) =>
      repushSupplierToErp(context.db, erp, { supplierId: job.entityId, idempotencyKey: job.idempotencyKey, signal: job.signal }),
  });
  context.jobs.defineHandler({
    queue: 'drift-hold-release',
    topic: driftAlertResolved.name,
    handler: (job) => releaseDriftHold(context.db, job.payload),
  });
  defineReconciliationHandler(context.jobs, context.db, {
    system: 'ERP',
    comparer: erpSupplierComparer(context.db, erp, context.policies.for('ERP'), context.cipher),
    sliceMs: context.environment.RECONCILIATION_SLICE_MS,
  });
  const vendorPlatform = vendorPlatformClient(context.systems.vendorPlatformUrl);
  defineReconciliationHandler(context.jobs, context.db, {
    system: 'VENDOR_PLATFORM',
    comparer: registrationComparer(context.db, vendorPlatform, context.policies.for('VENDOR_PLATFORM')),
    sliceMs: context.environment.RECONCILIATION_SLICE_MS,
  });
  context.jobs.defineHandler({
    queue: 'erp-supplier-setup',
    topic: SUPPLIER_APPROVED,
    system: 'ERP',
    ...(retry ? { retry } : {}),
    handler: (job) => setUpInErp({ db: context.db, cipher: context.cipher, erp }, job.entityId, job.idempotencyKey, job.signal),
  });
  context.jobs.defineHandler({
    queue: 'vendor-platform-erp-reference',
    topic: SUPPLIER_ERP_LINKED,
    system: 'VENDOR_PLATFORM',
    ...(retry ? { retry } : {}),
    handler: (job) => {
      const { vendorRegistrationId, ...erp } = erpLinkedPayload.parse(job.payload);
      return linkOnPortal(
        { db: context.db, cipher: context.cipher, platform: vendorPlatform },
        job.entityId,
        vendorRegistrationId,
        erp,
        job.idempotencyKey,
        job.signal,
      );
    },
  });
}

/**
 * The daily insurance check. pg-boss cron is off in this runtime, so a timer runs it at start and
 * every interval; with several instances each runs it, which is harmless (each supplier is
 * re-judged under its row lock, and only real changes write).
 */
function insuranceCheckTimer(context: WorkerContext, options: SuppliersWorkerOptions): BackgroundWork {
  const today = options.today ?? (() => new Date().toISOString().slice(0, 10));
  const log = context.logger.child({ component: 'insurance-check' });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    const span = { component: 'suppliers', name: 'insurance check', kind: SpanKind.INTERNAL, parent: NEW_TRACE };
    running = inSpan(span, () => checkInsurance(context.db, today())).then(
      (summary) => log.info(summary, 'insurance check done'),
      (error: unknown) => log.error({ error: describeError(error) }, 'insurance check failed'),
    );
  };
  return {
    async start() {
      run();
      timer = setInterval(run, options.insuranceCheckIntervalMs ?? DAY_MS);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

type ScreeningEnvironment = Pick<Environment, 'SCREENING_LEIE_FILE' | 'SCREENING_LEIE_URL' | 'SCREENING_RELOAD_INTERVAL_HOURS'>;

const HOUR_MS = 60 * 60 * 1000;

/**
 * The scheduled reload of the exclusion list (the LEIE is republished monthly), with every
 * current supplier screened again; each run is recorded for exclusionListRuns. Not at start: a
 * restart should not rescreen every supplier. Several instances each run it, which is harmless
 * (each supplier is screened under its row lock, and a repeated screening changes nothing).
 */
function exclusionListReloadTimer(context: WorkerContext, options: SuppliersWorkerOptions): BackgroundWork {
  const environment = options.environment ?? context.environment;
  const screening = sharedExclusionScreening(exclusionListSource(environment));
  const log = context.logger.child({ component: 'exclusion-list-reload' });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  // A run still screening when the next is due is not joined by a second one.
  const run = () => {
    const span = { component: 'suppliers', name: 'exclusion list reload', kind: SpanKind.INTERNAL, parent: NEW_TRACE };
    running ??= inSpan(span, () => runExclusionListReload(context.db, screening, 'SCHEDULE'))
      .then(
        (result) =>
          log.info(
            {
              runId: result.id,
              state: result.state,
              checked: result.checked,
              newlyExcluded: result.newlyExcluded,
              reinstated: result.reinstated,
            },
            'exclusion list reloaded',
          ),
        (error: unknown) => log.error({ error: describeError(error) }, 'exclusion list reload failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  return {
    async start() {
      timer = setInterval(run, options.exclusionListReloadIntervalMs ?? environment.SCREENING_RELOAD_INTERVAL_HOURS * HOUR_MS);
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

/** The suppliers subgraph's background work, with options for tests. */
export function createSuppliersWorkers(options: SuppliersWorkerOptions = {}): RegisterWorkers {
  return (context) => {
    defineSyncHandlers(context, options.retry);
    const feed = registrationFeed(context, options.feedIntervalMs ?? 2_000);
    return [
      insuranceCheckTimer(context, options),
      exclusionListReloadTimer(context, options),
      { start: async () => feed.start(), stop: () => feed.stop() },
    ];
  };
}

export const registerWorkers: RegisterWorkers = createSuppliersWorkers();
