import type { World } from '@procuregraph/demo';
import {
  driftable,
  driftRouter,
  idempotentCreate,
  numericKey,
  startSystem,
  systemLogger,
  type RunningSystem,
  SnapshotStore,
  DEFAULT_RETRY_DELAYS_MS,
  webhookAdminRouter,
  WebhookDispatcher,
} from '@procuregraph/reference-http';
import { bankAccountsResource, bankAccountsRouter } from './bank-accounts.ts';
import { businessEventsRouter } from './business-events.ts';
import type { ErpContext } from './context.ts';
import { ErpErrorCode, fusionErrorShape } from './fusion-errors.ts';
import { invoicesResource, invoicesRouter } from './invoices.ts';
import { paymentAdminRouter, paymentsResource } from './payments.ts';
import { purchaseOrdersResource, purchaseOrdersRouter } from './purchase-orders.ts';
import { receiptsResource, receiptsRouter } from './receipts.ts';
import { resourceReader } from './rest/resource-reader.ts';
import { seedErp } from './seed.ts';
import { emptyErpState, erpSnapshot, restoreErpState, type ErpState } from './state.ts';
import { supplierChildDriftable, suppliersResource, suppliersRouter } from './suppliers.ts';

export interface ErpOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** JSON snapshot file; without it the ERP keeps nothing across restarts. */
  storageFile?: string;
  /** Loaded when the store is empty (no snapshot yet). */
  world?: World;
  /** Where business events are pushed as they happen, signed; without it they are only on the feed. */
  webhooks?: ErpWebhookOptions;
}

export interface ErpWebhookOptions {
  /** Procuregraph's endpoint (or how to find it, read at each event). */
  url: string | (() => string | undefined);
  /** HMAC key for `Webhook-Signature`. */
  secret: string;
  /** Delay before each retry; the default retries seven times over about two minutes. */
  retryDelaysMs?: number[] | undefined;
  timeoutMs?: number;
}

async function loadState(store: SnapshotStore, world: World | undefined): Promise<ErpState> {
  const saved = await store.load();
  if (saved !== undefined) return restoreErpState(saved);
  const state = emptyErpState();
  if (world) seedErp(state, world);
  return state;
}

/** Starts the reference ERP (Oracle Fusion-shaped REST API under `/fscmRestApi/resources/11.13.18.05`). */
export async function startErp(options: ErpOptions): Promise<RunningSystem> {
  const logger = systemLogger('erp');
  const store = new SnapshotStore(options.storageFile, logger);
  const state = await loadState(store, options.world);
  const save = () => store.scheduleSave(() => erpSnapshot(state));
  const webhooks = new WebhookDispatcher(
    {
      url: options.webhooks?.url,
      // Nothing is delivered without a URL, so nothing is signed either.
      secret: options.webhooks?.secret ?? '',
      retryDelaysMs: options.webhooks?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      timeoutMs: options.webhooks?.timeoutMs ?? 10_000,
      userAgent: 'reference-erp-business-events/1',
    },
    logger,
  );
  const context: ErpContext = {
    state,
    changed: save,
    webhooks,
    idempotent: idempotentCreate({
      records: () => state.idempotency,
      shape: fusionErrorShape,
      mismatchCode: ErpErrorCode.idempotencyMismatch,
      inFlightCode: ErpErrorCode.idempotencyInFlight,
      stored: save,
    }),
  };
  const drifting = {
    suppliers: driftable(state.suppliers, numericKey, suppliersResource(state).view),
    addresses: supplierChildDriftable(
      state,
      (supplier) => supplier.addresses,
      (address) => address.SupplierAddressId,
    ),
    sites: supplierChildDriftable(
      state,
      (supplier) => supplier.sites,
      (site) => site.SupplierSiteId,
    ),
    externalBankAccounts: driftable(state.bankAccounts, numericKey, bankAccountsResource(state).view),
    purchaseOrders: driftable(state.purchaseOrders, numericKey, purchaseOrdersResource(state).view),
    invoices: driftable(state.invoices, numericKey, invoicesResource(state).view),
    payablesPayments: driftable(state.payments, numericKey, paymentsResource(state).view),
  };
  // A seeded store is written at once, so the next start finds it and does not seed again.
  save();
  return startSystem({
    name: 'erp',
    port: options.port,
    host: options.host,
    shape: fusionErrorShape,
    routers: [
      businessEventsRouter(context),
      webhookAdminRouter(webhooks, fusionErrorShape),
      resourceReader([
        suppliersResource(state),
        bankAccountsResource(state),
        purchaseOrdersResource(state),
        receiptsResource(state),
        invoicesResource(state),
        paymentsResource(state),
      ]),
      suppliersRouter(context),
      bankAccountsRouter(context),
      purchaseOrdersRouter(context),
      receiptsRouter(context),
      invoicesRouter(context),
      paymentAdminRouter(context),
      driftRouter(drifting, fusionErrorShape, save),
    ],
    onClose: async () => {
      webhooks.close();
      await store.flush();
    },
  });
}
