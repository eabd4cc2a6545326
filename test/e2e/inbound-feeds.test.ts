import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@procuregraph/platform/inbound';
import { eventually, readCounter, startTestGraph, type TestGraph } from '../harness.ts';

/**
 * Nothing inbound is lost or blocks the rest: with every webhook to the gateway failing, what is
 * submitted on the vendor platform arrives from its event feed; an invoice that cannot be taken in
 * waits among the dead letters while the events after it are applied, and is applied once its
 * cause is fixed and it is replayed.
 */
const linkedSupplier = [...createWorld({ scale: 'default' }).suppliers()].find(
  (candidate) => candidate.status === 'ACTIVE' && candidate.erp !== null,
)!;
const officer: UserCaller = { kind: 'staff', subject: 'officer@network.example', role: 'compliance' };
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };
const integration: UserCaller = { kind: 'staff', subject: 'integration@network.example', role: 'integration' };

let graph: TestGraph;
let platformUrl: string;

beforeAll(async () => {
  graph = await startTestGraph();
  platformUrl = graph.app.systems.vendorPlatformUrl;
});

afterAll(async () => {
  await graph?.close();
});

const SUPPLIERS_NAMED = graphql(`
  query InboundFeedsSuppliers($search: String!) {
    suppliers(first: 5, filter: { search: $search }) {
      nodes {
        id
        legalName
        status
        screening {
          status
        }
      }
    }
  }
`);
const INVOICES_OF = graphql(`
  query InboundFeedsInvoices($supplierId: ID!) {
    invoices(first: 50, filter: { supplierId: $supplierId }) {
      nodes {
        invoiceNumber
        source
      }
    }
  }
`);
const INVOICE_ARRIVALS = graphql(`
  query InboundFeedsInvoiceArrivals($supplierId: ID!) {
    invoices(first: 50, filter: { supplierId: $supplierId }) {
      nodes {
        invoiceNumber
        journey {
          steps {
            system
            action
            outcome
          }
        }
      }
    }
  }
`);
const DEAD_LETTERS = graphql(`
  query InboundFeedsDeadLetters {
    deadLetters(first: 20, filter: { service: "invoicing" }) {
      nodes {
        id
        service
        queue
        attempts
        lastError
        payload
      }
    }
  }
`);
const FEED_LAGS = graphql(`
  query InboundFeedsLags {
    integrationSystems {
      system
      feeds {
        service
        feed
        eventsBehind
        oldestUnappliedAt
      }
    }
  }
`);
const REPLAY = graphql(`
  mutation InboundFeedsReplay($id: ID!) {
    replayDeadLetter(id: $id) {
      userErrors {
        code
      }
    }
  }
`);
const CLEAR_MATCH = graphql(`
  mutation InboundFeedsClearMatch($input: ResolveScreeningMatchInput!) {
    resolveScreeningMatch(input: $input) {
      supplier {
        status
      }
      userErrors {
        code
      }
    }
  }
`);
const APPROVE = graphql(`
  mutation InboundFeedsApprove($id: ID!) {
    approveSupplier(id: $id) {
      supplier {
        status
      }
      userErrors {
        code
      }
    }
  }
`);

async function post<Body>(path: string, body: unknown): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${platformUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Body };
}

function registration(legalName: string, state: string, index: number) {
  return {
    legalName,
    dbaName: null,
    tin: `38-55500${String(index).padStart(2, '0')}`,
    taxClassification: 'llc',
    address: { street1: `${index} Main St`, street2: null, city: 'Houston', state, zip: '77002', country: 'US' },
    contact: { fullName: 'Ana Ruiz', email: 'ana.ruiz@example.org', phone: null },
    bank: { routingNumber: '072000326', accountNumber: `55443322${String(index).padStart(2, '0')}`, accountType: 'checking' },
    insurance: [
      {
        kind: 'general_liability',
        insurer: 'Chubb',
        policyNumber: `GL-55${index}`,
        coverageLimit: { value: '2000000.00', currency: 'USD' },
        expirationDate: '2030-09-30',
      },
    ],
  };
}

async function submitRegistration(legalName: string, state: string, index: number): Promise<string> {
  const created = await post<{ id: string }>('/api/v1/registrations', registration(legalName, state, index));
  expect(created.status).toBe(201);
  return created.body.id;
}

async function submitPortalInvoice(registrationId: string, invoiceNumber: string): Promise<void> {
  const created = await post<{ id: string }>('/api/v1/portal/invoices', {
    registrationId,
    invoiceNumber,
    invoiceDate: '2026-11-02',
    purchaseOrderExternalId: null,
    currency: 'USD',
    lines: [{ sku: 'GLV-100', description: 'Nitrile gloves', qty: '10', unitPrice: { value: '12.50', currency: 'USD' } }],
  });
  expect(created.status).toBe(201);
}

/** The probe's value once `ready` holds for it. */
function once<Value>(probe: () => Promise<Value>, ready: (value: Value) => boolean): Promise<Value> {
  return eventually(async () => {
    const value = await probe();
    return ready(value) ? value : undefined;
  });
}

async function supplierNamed(search: string) {
  const nodes = await once(
    async () => (await graph.query(SUPPLIERS_NAMED, { search })).data!.suppliers.nodes,
    (found) => found.length === 1,
  );
  return nodes[0]!;
}

/** The steps of the invoice's journey that tell how it arrived, first among its steps. */
async function arrivalOf(supplierId: string, invoiceNumber: string) {
  const invoices = (await graph.query(INVOICE_ARRIVALS, { supplierId }, integration)).data!.invoices.nodes;
  const { steps } = invoices.find((invoice) => invoice.invoiceNumber === invoiceNumber)!.journey;
  return { first: steps[0], arrivals: steps.filter((step) => step.action.startsWith('received from')).length };
}

/** Delivers a platform event to the gateway's webhook, signed as the platform signs it. */
async function deliverWebhook(event: { id: string; type: string; createdAt: string; data: unknown }) {
  const rawBody = JSON.stringify(event);
  const timestamp = Math.floor(Date.now() / 1000);
  const delivered = await fetch(`${graph.app.gateway.url}/webhooks/vendor-platform`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-id': event.id,
      [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
      [WEBHOOK_SIGNATURE_HEADER]: signWebhook(graph.app.systems.vendorPlatformWebhookSecret, timestamp, rawBody),
    },
    body: rawBody,
  });
  return { status: delivered.status, body: (await delivered.json()) as unknown };
}

async function invoiceNumbersOf(supplierId: string): Promise<string[]> {
  return (await graph.query(INVOICES_OF, { supplierId })).data!.invoices.nodes.map((node) => `${node.invoiceNumber}/${node.source}`);
}

describe('inbound events with every webhook failing', () => {
  it(
    'arrive from the feeds; a poison event is a dead letter and every event after it is applied; a replay applies it',
    { timeout: 120_000 },
    async () => {
      expect(await post('/admin/webhook-target', { url: 'http://127.0.0.1:9/webhooks/vendor-platform' })).toEqual({
        status: 200,
        body: { url: 'http://127.0.0.1:9/webhooks/vendor-platform' },
      });
      const suffix = randomUUID().slice(0, 6).toUpperCase();

      // Held on screening (its name is close to an LEIE entry), approved on the platform: its invoice
      // finds no supplier linked in invoicing, and waits among the dead letters.
      const heldRegistration = await submitRegistration('Gulf Coast Home Health Services of Texas LLC', 'TX', 1);
      expect((await post(`/api/v1/registrations/${heldRegistration}/approve`, {})).status).toBe(200);
      await submitPortalInvoice(heldRegistration, `POISON-${suffix}`);
      // After it: a new registration, and an invoice of a supplier known here.
      await submitRegistration(`Lone Star Infusion ${suffix} LLC`, 'TX', 2);
      await submitPortalInvoice(linkedSupplier.vendorPlatform.registrationId, `AFTER-${suffix}`);

      const fresh = await supplierNamed(`Lone Star Infusion ${suffix}`);
      expect(fresh).toMatchObject({ status: 'PENDING_APPROVAL', screening: { status: 'CLEAR' } });
      await once(
        () => invoiceNumbersOf(linkedSupplier.id),
        (numbers) => numbers.includes(`AFTER-${suffix}/VENDOR_PLATFORM`),
      );
      expect(await arrivalOf(linkedSupplier.id, `AFTER-${suffix}`)).toEqual({
        first: { system: 'VENDOR_PLATFORM', action: 'received from the vendor platform (feed)', outcome: 'SUCCEEDED' },
        arrivals: 1,
      });
      const held = await supplierNamed('Gulf Coast Home Health Services of Texas');
      expect(held).toMatchObject({ status: 'ON_HOLD', screening: { status: 'POTENTIAL_MATCH' } });

      // Not one webhook got through: everything above came from the feeds.
      const deliveries = await once(
        async () => ((await (await fetch(`${platformUrl}/admin/webhook-deliveries`)).json()) as { data: { state: string }[] }).data,
        (all) => all.length === 5 && all.every((delivery) => delivery.state === 'failed'),
      );
      expect(deliveries.map((delivery) => delivery.state)).toEqual(Array(5).fill('failed'));

      const deadLetter = await once(
        async () => (await graph.query(DEAD_LETTERS, {}, integration)).data!.deadLetters.nodes,
        (nodes) => nodes.length === 1,
      ).then((nodes) => nodes[0]!);
      expect(deadLetter).toMatchObject({ service: 'invoicing', queue: 'feed.vendor-platform', attempts: 3 });
      expect(deadLetter.lastError).toBe(`Error: No supplier is linked to vendor-platform registration ${heldRegistration} yet`);
      const parked = JSON.parse(deadLetter.payload) as { item: string; parkedBecause: string };
      expect(parked.parkedBecause).toBe(deadLetter.lastError);
      expect((JSON.parse(parked.item) as { type: string; data: { invoice: { invoiceNumber: string } } }).data.invoice.invoiceNumber).toBe(
        `POISON-${suffix}`,
      );

      // The feed's lag shows it, in the graph and as a metric.
      const lags = (await graph.query(FEED_LAGS, {}, integration)).data!.integrationSystems.find(
        (system) => system.system === 'VENDOR_PLATFORM',
      )!;
      expect(lags.feeds.map(({ service, feed, eventsBehind }) => `${service}/${feed}:${eventsBehind}`).sort()).toEqual([
        'invoicing/vendor-platform:1',
        'procurement/vendor-platform:0',
        'suppliers/vendor-platform:0',
      ]);
      const oldest = lags.feeds.find((lag) => lag.service === 'invoicing')!.oldestUnappliedAt!;
      expect(Date.now() - Date.parse(oldest)).toBeLessThan(60_000);
      expect(
        await readCounter(graph.baseUrl, 'procuregraph_feed_lag_events', { system: 'VENDOR_PLATFORM', feed: 'invoicing/vendor-platform' }),
      ).toBe(1);

      // The cause fixed: compliance clears the match, procurement approves, the ERP and the portal link it.
      expect(
        (await graph.query(CLEAR_MATCH, { input: { supplierId: held.id, decision: 'CLEARED', reason: 'Different company' } }, officer))
          .data,
      ).toEqual({ resolveScreeningMatch: { supplier: { status: 'PENDING_APPROVAL' }, userErrors: [] } });
      expect((await graph.query(APPROVE, { id: held.id }, buyer)).data).toEqual({
        approveSupplier: { supplier: { status: 'APPROVED' }, userErrors: [] },
      });
      await once(
        async () =>
          ((await (await fetch(`${platformUrl}/api/v1/registrations/${heldRegistration}`)).json()) as { erpReference: unknown })
            .erpReference,
        (reference) => reference !== null,
      );
      expect((await graph.query(REPLAY, { id: deadLetter.id }, integration)).data).toEqual({ replayDeadLetter: { userErrors: [] } });
      expect(
        await once(
          () => invoiceNumbersOf(held.id),
          (numbers) => numbers.length === 1,
        ),
      ).toEqual([`POISON-${suffix}/VENDOR_PLATFORM`]);
      expect((await graph.query(DEAD_LETTERS, {}, integration)).data!.deadLetters.nodes).toEqual([]);
      expect(
        await readCounter(graph.baseUrl, 'procuregraph_feed_lag_events', { system: 'VENDOR_PLATFORM', feed: 'invoicing/vendor-platform' }),
      ).toBe(0);
    },
  );

  it('apply an event once whichever way it came: a webhook after the feed is a duplicate', { timeout: 60_000 }, async () => {
    const suffix = randomUUID().slice(0, 6).toUpperCase();
    const registrationId = await submitRegistration(`Brazos Surgical ${suffix} LLC`, 'TX', 3);
    const supplier = await supplierNamed(`Brazos Surgical ${suffix}`);
    expect(supplier.status).toBe('PENDING_APPROVAL');
    const feed = (await (await fetch(`${platformUrl}/api/v1/events?limit=200`)).json()) as {
      data: Array<{ id: string; type: string; createdAt: string; data: { registration?: { id: string } } }>;
    };
    const event = feed.data.find((item) => item.type === 'registration.submitted' && item.data.registration?.id === registrationId)!;
    expect(await deliverWebhook({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data })).toEqual({
      status: 200,
      body: { outcome: 'DUPLICATE' },
    });
    expect((await graph.query(SUPPLIERS_NAMED, { search: `Brazos Surgical ${suffix}` })).data!.suppliers.nodes).toEqual([supplier]);
  });

  it('start an invoice that arrived by webhook with its arrival', { timeout: 60_000 }, async () => {
    const suffix = randomUUID().slice(0, 6).toUpperCase();
    const invoice = {
      id: `vinv_${suffix}`,
      registrationId: linkedSupplier.vendorPlatform.registrationId,
      invoiceNumber: `WEBHOOK-${suffix}`,
      invoiceDate: '2026-11-03',
      purchaseOrderExternalId: null,
      currency: 'USD',
      lines: [{ lineNo: 1, sku: 'GLV-100', description: 'Nitrile gloves', qty: '4', unitPrice: { value: '12.50', currency: 'USD' } }],
    };
    const event = { id: `evt_${suffix}`, type: 'invoice.submitted', createdAt: new Date().toISOString(), data: { invoice } };
    expect(await deliverWebhook(event)).toEqual({ status: 200, body: { outcome: 'APPLIED' } });
    expect(await arrivalOf(linkedSupplier.id, `WEBHOOK-${suffix}`)).toEqual({
      first: { system: 'VENDOR_PLATFORM', action: 'received from the vendor platform (webhook)', outcome: 'SUCCEEDED' },
      arrivals: 1,
    });
  });
});
