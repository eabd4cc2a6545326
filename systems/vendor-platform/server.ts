import type { World } from '@procuregraph/demo';
import {
  driftable,
  driftRouter,
  idempotentCreate,
  startSystem,
  textKey,
  systemLogger,
  type RunningSystem,
  SnapshotStore,
  DEFAULT_RETRY_DELAYS_MS,
  webhookAdminRouter,
  WebhookDispatcher,
} from '@procuregraph/reference-http';
import type { VendorContext } from './context.ts';
import { eventsRouter } from './events.ts';
import { portalInvoicesRouter } from './portal-invoices.ts';
import { portalOrdersRouter } from './portal-orders.ts';
import { portalPaymentsRouter } from './portal-payments.ts';
import { VendorErrorCode, problemDetailsShape } from './problem-details.ts';
import { maskedRegistration, registrationsRouter } from './registrations.ts';
import { seedVendorPlatform } from './seed.ts';
import { emptyVendorState, restoreVendorState, vendorSnapshot, type VendorState } from './state.ts';

export interface VendorPlatformOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** JSON snapshot file; without it the platform keeps nothing across restarts. */
  storageFile?: string;
  /** Loaded when the store is empty (no snapshot yet). */
  world?: World;
  /** Procuregraph's webhook endpoint (or how to find it); unset means no webhook is delivered (the event feed still has every event). */
  webhookUrl?: string | (() => string | undefined);
  /** HMAC key for `Webhook-Signature`. */
  webhookSecret: string;
  /** Delay before each retry, in ms; defaults to 1, 2, 4 ... 64 s (8 attempts). */
  webhookRetryDelaysMs?: number[];
  webhookTimeoutMs?: number;
}

async function loadState(store: SnapshotStore, world: World | undefined): Promise<VendorState> {
  const saved = await store.load();
  if (saved !== undefined) return restoreVendorState(saved);
  const state = emptyVendorState();
  if (world) seedVendorPlatform(state, world);
  return state;
}

/** Starts the reference vendor-management platform (registrations, supplier portal, signed webhooks). */
export async function startVendorPlatform(options: VendorPlatformOptions): Promise<RunningSystem> {
  const logger = systemLogger('vendor-platform');
  const store = new SnapshotStore(options.storageFile, logger);
  const state = await loadState(store, options.world);
  const save = () => store.scheduleSave(() => vendorSnapshot(state));
  const webhooks = new WebhookDispatcher(
    {
      url: options.webhookUrl,
      secret: options.webhookSecret,
      retryDelaysMs: options.webhookRetryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
      userAgent: 'reference-vendor-platform-webhooks/1',
    },
    logger,
  );
  const context: VendorContext = {
    state,
    changed: save,
    webhooks,
    idempotent: idempotentCreate({
      records: () => state.idempotency,
      shape: problemDetailsShape,
      mismatchCode: VendorErrorCode.idempotencyKeyReused,
      inFlightCode: VendorErrorCode.idempotencyKeyInUse,
      stored: save,
    }),
  };
  const drifting = {
    registrations: driftable(state.registrations, textKey, maskedRegistration),
    portalPurchaseOrders: driftable(state.orders, textKey, (order) => order),
    portalPayments: driftable(state.payments, textKey, (payment) => payment),
  };
  // A seeded store is written at once, so the next start finds it and does not seed again.
  save();
  return startSystem({
    name: 'vendor-platform',
    port: options.port,
    host: options.host,
    shape: problemDetailsShape,
    routers: [
      registrationsRouter(context),
      portalOrdersRouter(context),
      portalInvoicesRouter(context),
      portalPaymentsRouter(context),
      eventsRouter(context),
      webhookAdminRouter(webhooks, problemDetailsShape),
      driftRouter(drifting, problemDetailsShape, save),
    ],
    onClose: async () => {
      webhooks.close();
      await store.flush();
    },
  });
}
