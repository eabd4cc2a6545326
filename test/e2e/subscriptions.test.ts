import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { repositoryRoot } from '@procuregraph/platform/config';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { CloseCode } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type RunningGateway, SUBSCRIBER_TOO_SLOW } from '@procuregraph/gateway';
import { invoicingSubgraph } from '@procuregraph/invoicing';
import { loadInternalSecret, type UserCaller } from '@procuregraph/platform/auth';
import { testSubgraphDependencies } from '../subgraph-dependencies.ts';
import { closeDatabaseClient, executeSql, openDatabaseClient, type DatabaseClient, createServiceDatabase } from '@procuregraph/platform/db';
import { publishEvent, startEventBus } from '@procuregraph/platform/events';
import { startSubgraphServer } from '@procuregraph/platform/subgraph';
import { createAuditLog } from '@procuregraph/platform/audit';
import { createLogger } from '@procuregraph/platform/logging';
import { supergraphPath, subgraphNames } from '@procuregraph/schema';
import { graphql } from '../generated/gql.ts';
import type { PaymentStatusSubscription, PaymentStatusSubscriptionVariables } from '../generated/graphql.ts';
import { admin, anotherGateway, deploymentSecretsOf, eventually, startTestGraph, until, type TestGraph } from '../harness.ts';
import { subscribe, webSocketUrl, type Ending, type Subscriber } from '../subscriber.ts';
import { changePaymentStatus, insertNetwork, paymentDocument, type Network } from '../payment-network.ts';

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph({ seed: false });
});

afterAll(async () => {
  await graph?.close();
});

async function changeSupplierStatus(client: DatabaseClient, network: Network, previousStatus: string, status: string): Promise<void> {
  await executeSql(client, `update suppliers.suppliers set status = $2 where id = $1`, [network.supplierId, status]);
  await publishEvent(client, {
    topic: 'supplier.status_changed',
    aggregateId: network.supplierId,
    payload: { supplierId: network.supplierId, previousStatus, status, occurredAt: new Date().toISOString() },
  });
}

// ---- subscribers ----

const supplierStatusDocument = graphql(`
  subscription SupplierStatus($supplierId: ID) {
    supplierStatusChanged(supplierId: $supplierId) {
      previousStatus
      status
      supplier {
        id
        legalName
        status
        payments {
          totalCount
        }
      }
    }
  }
`);

const paymentStatusDocument = graphql(`
  subscription PaymentStatusOnly {
    paymentStatusChanged {
      status
      payment {
        supplier {
          legalName
        }
      }
    }
  }
`);

const paymentInvoiceLinesDocument = `subscription { paymentStatusChanged { payment { invoice { lines { itemNumber } } } } }`;

const open: { close(): Promise<void> }[] = [];

async function connectionParams(caller: UserCaller): Promise<Record<string, unknown>> {
  return { authorization: `Bearer ${await graph.tokenFor(caller)}` };
}

/** Subscribes and waits until the subscription listens on the event bus. */
async function subscribed(
  variables: PaymentStatusSubscriptionVariables = {},
  caller: UserCaller = admin,
): Promise<Subscriber<PaymentStatusSubscription>> {
  return listening(paymentDocument, variables, caller);
}

/** Subscribes with `document` and waits until the subscription listens on the event bus. */
async function listening<Data, Variables>(
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  caller: UserCaller,
): Promise<Subscriber<Data>> {
  const listening = graph.app.events.subscriberCount;
  const subscriber = subscribe(graph.graphqlUrl, await connectionParams(caller), document, variables);
  open.push(subscriber);
  await until(() => graph.app.events.subscriberCount > listening, 10_000, 'subscription listening');
  return subscriber;
}

async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((subscriber) => subscriber.close()));
  await until(() => graph.app.events.subscriberCount === 0, 10_000, 'every bus listener gone');
}

function supplierCaller(supplierId: string): UserCaller {
  return { kind: 'supplier', subject: `supplier-user-${supplierId}`, role: 'supplier', supplierId };
}

describe('paymentStatusChanged through the gateway', () => {
  it('delivers SCHEDULED, SENT, CLEARED in order, with fields from invoicing, procurement and suppliers', async () => {
    const network = await insertNetwork(graph.app.client);
    const subscriber = await subscribed();

    await changePaymentStatus(graph.app.client, network, null, 'SCHEDULED');
    await changePaymentStatus(graph.app.client, network, 'SCHEDULED', 'SENT');
    await changePaymentStatus(graph.app.client, network, 'SENT', 'CLEARED');
    const results = await subscriber.take(3);

    expect(results.map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
    expect(results.map((result) => [result.data!.paymentStatusChanged.previousStatus, result.data!.paymentStatusChanged.status])).toEqual([
      [null, 'SCHEDULED'],
      ['SCHEDULED', 'SENT'],
      ['SENT', 'CLEARED'],
    ]);
    for (const result of results) {
      expect(result.data!.paymentStatusChanged.payment).toEqual({
        id: network.paymentId,
        invoice: { invoiceNumber: network.invoiceNumber, purchaseOrder: { number: network.purchaseOrderNumber } },
        supplier: { legalName: network.legalName },
      });
      expect(new Date(result.data!.paymentStatusChanged.occurredAt).toISOString()).toBe(result.data!.paymentStatusChanged.occurredAt);
    }
    await closeAll();
  });

  it('filters by supplierId and by invoiceId', async () => {
    const [first, second] = [await insertNetwork(graph.app.client), await insertNetwork(graph.app.client)];
    const bySupplier = await subscribed({ supplierId: first.supplierId });
    const byInvoice = await subscribed({ invoiceId: second.invoiceId });
    const neither = await subscribed({ supplierId: first.supplierId, invoiceId: second.invoiceId });
    const everything = await subscribed();

    await changePaymentStatus(graph.app.client, second, 'SCHEDULED', 'SENT');
    await changePaymentStatus(graph.app.client, first, 'SCHEDULED', 'SENT');
    const all = await everything.take(2);
    expect(all.map((result) => result.data!.paymentStatusChanged.payment.id)).toEqual([second.paymentId, first.paymentId]);
    expect((await bySupplier.take(1))[0]!.data!.paymentStatusChanged.payment.id).toBe(first.paymentId);
    expect((await byInvoice.take(1))[0]!.data!.paymentStatusChanged.payment.id).toBe(second.paymentId);
    // Sentinels, each raised after the events a subscriber must not get, and arriving in order after them:
    // one for each filter, and one that matches both (an event no real payment raises) for the other.
    await changePaymentStatus(graph.app.client, first, 'SENT', 'CLEARED');
    await changePaymentStatus(graph.app.client, second, 'SENT', 'CLEARED');
    await changePaymentStatus(graph.app.client, { ...second, supplierId: first.supplierId }, 'CLEARED', 'CLEARED');
    const received = async (subscriber: Subscriber<PaymentStatusSubscription>, count: number) =>
      (await subscriber.take(count)).map(({ data }) => [data!.paymentStatusChanged.payment.id, data!.paymentStatusChanged.previousStatus]);
    expect(await received(bySupplier, 2)).toEqual([
      [first.paymentId, 'SENT'],
      [second.paymentId, 'CLEARED'],
    ]);
    expect(await received(byInvoice, 2)).toEqual([
      [second.paymentId, 'SENT'],
      [second.paymentId, 'CLEARED'],
    ]);
    expect(await received(neither, 1)).toEqual([[second.paymentId, 'CLEARED']]);
    await closeAll();
  });

  it('refuses a malformed id argument with BAD_USER_INPUT', async () => {
    const subscriber = subscribe(graph.graphqlUrl, await connectionParams(admin), paymentDocument, { supplierId: 'acme' });
    open.push(subscriber);
    const [result] = await subscriber.take(1);
    expect(result!.errors).toEqual([
      expect.objectContaining({
        message: '"supplierId" is not a valid id: "acme"',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    expect(await subscriber.ended).toEqual({ kind: 'complete' });
    await closeAll();
  });
});

describe('who receives what', () => {
  it('gives a supplier only its own events, whatever it asks for', async () => {
    const [own, other] = [await insertNetwork(graph.app.client), await insertNetwork(graph.app.client)];
    const caller = supplierCaller(own.supplierId);
    const plain = await subscribed({}, caller);
    const askingForOther = await subscribed({ supplierId: other.supplierId }, caller);
    const staff = await subscribed();

    await changePaymentStatus(graph.app.client, other, 'SCHEDULED', 'SENT');
    await changePaymentStatus(graph.app.client, own, 'SCHEDULED', 'SENT');
    expect((await staff.take(2)).map((result) => result.data!.paymentStatusChanged.payment.id)).toEqual([other.paymentId, own.paymentId]);
    const [mine] = await plain.take(1);
    expect(mine!.errors).toBeUndefined();
    expect(mine!.data!.paymentStatusChanged.payment).toEqual({
      id: own.paymentId,
      invoice: { invoiceNumber: own.invoiceNumber, purchaseOrder: { number: own.purchaseOrderNumber } },
      supplier: { legalName: own.legalName },
    });
    // The other supplier's event came before the own one, so `plain` would have had it first. Nothing
    // reaches `askingForOther`: a later own event reaching `plain` on the same bus is as long as it can wait.
    await changePaymentStatus(graph.app.client, other, 'SENT', 'CLEARED');
    await changePaymentStatus(graph.app.client, own, 'SENT', 'CLEARED');
    expect((await plain.take(1))[0]!.data!.paymentStatusChanged).toMatchObject({
      previousStatus: 'SENT',
      status: 'CLEARED',
      payment: { id: own.paymentId },
    });
    expect([plain.pending, askingForOther.pending]).toEqual([[], []]);
    await closeAll();
  });

  it('delivers supplierStatusChanged with fields from suppliers and invoicing, to staff and to the supplier itself', async () => {
    const [own, other] = [await insertNetwork(graph.app.client), await insertNetwork(graph.app.client)];
    const staff = await listening(supplierStatusDocument, { supplierId: own.supplierId }, admin);
    const supplier = await listening(supplierStatusDocument, {}, supplierCaller(own.supplierId));

    await changeSupplierStatus(graph.app.client, other, 'APPROVED', 'ACTIVE');
    await changeSupplierStatus(graph.app.client, own, 'APPROVED', 'ACTIVE');
    const expected = {
      previousStatus: 'APPROVED',
      status: 'ACTIVE',
      supplier: { id: own.supplierId, legalName: own.legalName, status: 'ACTIVE', payments: { totalCount: 1 } },
    };
    expect(await staff.take(1)).toEqual([{ data: { supplierStatusChanged: expected } }]);
    expect(await supplier.take(1)).toEqual([{ data: { supplierStatusChanged: expected } }]);
    await closeAll();
  });

  it('refuses a connection without a valid token with 4401', async () => {
    for (const params of [undefined, { authorization: 'Bearer not-a-token' }]) {
      const subscriber = subscribe(graph.graphqlUrl, params, paymentDocument);
      const ending = await subscriber.ended;
      expect(ending).toMatchObject({ kind: 'error', error: { code: CloseCode.Unauthorized } });
      await subscriber.close();
    }
    expect(graph.app.events.subscriberCount).toBe(0);
  });

  it('serves only subscriptions over WebSocket, and subscriptions only there', async () => {
    const subscriber = subscribe(graph.graphqlUrl, await connectionParams(admin), `{ suppliers { totalCount } }`);
    const ending = await subscriber.ended;
    expect(ending).toMatchObject({ kind: 'error', error: [expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })] });
    await subscriber.close();
    const overHttp = await graph.query(`subscription { supplierStatusChanged { status } }`);
    expect(overHttp).toMatchObject({ status: 400, errors: [{ extensions: { code: 'BAD_REQUEST' } }] });
  });
});

describe('resources', () => {
  it('releases the bus listener and both WebSockets when a client disconnects', async () => {
    const subscriber = await subscribed();
    expect(graph.app.gateway.openWebSockets()).toBe(1);
    expect(graph.app.subgraphs.invoicing.openWebSockets()).toBe(1);
    await subscriber.close();
    await until(
      () =>
        graph.app.events.subscriberCount === 0 &&
        graph.app.gateway.openWebSockets() === 0 &&
        graph.app.subgraphs.invoicing.openWebSockets() === 0,
    );
    open.splice(0);
  });

  it('shares one upstream subscription among subscribers of one caller asking the same, until the last leaves', async () => {
    const network = await insertNetwork(graph.app.client);
    const alike = [await subscribed(), subscribe(graph.graphqlUrl, await connectionParams(admin), paymentDocument, {})];
    alike.push(subscribe(graph.graphqlUrl, await connectionParams(admin), paymentDocument, {}));
    open.push(...alike.slice(1));
    const other = await subscribed({}, supplierCaller(network.supplierId));
    await until(() => graph.app.gateway.subscriptions().subscribers === 4, 10_000, 'four subscribers');
    expect(graph.app.gateway.subscriptions()).toEqual({ subscribers: 4, upstream: 2 });
    expect(graph.app.subgraphs.invoicing.openWebSockets()).toBe(2);
    expect(graph.app.events.subscriberCount).toBe(2);

    await changePaymentStatus(graph.app.client, network, null, 'SCHEDULED');
    for (const subscriber of [...alike, other]) {
      const [result] = await subscriber.take(1);
      expect(result!.data!.paymentStatusChanged.status).toBe('SCHEDULED');
      expect(result!.data!.paymentStatusChanged.payment.supplier.legalName).toBe(network.legalName);
    }

    await alike[0]!.close();
    await alike[1]!.close();
    await until(() => graph.app.gateway.subscriptions().subscribers === 2, 10_000, 'two subscribers left');
    expect(graph.app.gateway.subscriptions().upstream).toBe(2);
    await closeAll();
    await until(() => graph.app.subgraphs.invoicing.openWebSockets() === 0, 10_000, 'upstream closed');
    expect(graph.app.gateway.subscriptions()).toEqual({ subscribers: 0, upstream: 0 });
  });
});

const PAYMENT_JOURNEY = graphql(`
  query DeliveredPaymentJourney($id: ID!) {
    payment(id: $id) {
      journey {
        steps {
          system
          action
          outcome
          durationMs
        }
      }
    }
  }
`);

/** The payment's journey once its steps of deliveries have counted at least `subscribers` in all. */
async function deliverySteps(paymentId: string, subscribers: number) {
  const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };
  return eventually(async () => {
    const { data, errors } = await graph.query(PAYMENT_JOURNEY, { id: paymentId }, finance);
    expect(errors).toBeUndefined();
    const steps = data!.payment!.journey.steps.filter((step) => step.action.startsWith('subscribers notified: '));
    const counted = steps.reduce((total, step) => total + Number(step.action.split(': ')[1]), 0);
    return counted >= subscribers ? steps : undefined;
  });
}

describe('deliveries on journeys', () => {
  it("records each event's delivery as one step of its record's journey, counting every subscriber who got it, alike or not", async () => {
    const [network, elsewhere] = [await insertNetwork(graph.app.client), await insertNetwork(graph.app.client)];
    // Three alike (one upstream subscription), one of the supplier itself (another), and one who asked for another supplier's.
    const alike = [await subscribed(), subscribe(graph.graphqlUrl, await connectionParams(admin), paymentDocument, {})];
    alike.push(subscribe(graph.graphqlUrl, await connectionParams(admin), paymentDocument, {}));
    open.push(...alike.slice(1));
    const supplier = await subscribed({}, supplierCaller(network.supplierId));
    const other = await subscribed({ supplierId: elsewhere.supplierId });
    await until(() => graph.app.gateway.subscriptions().subscribers === 5, 10_000, 'five subscribers');

    await changePaymentStatus(graph.app.client, network, null, 'SCHEDULED');
    for (const subscriber of [...alike, supplier]) {
      const [result] = await subscriber.take(1);
      expect(result!.data!.paymentStatusChanged.status).toBe('SCHEDULED');
      // What the subgraph told the gateway about the event stays between them.
      expect(result!.extensions).toBeUndefined();
    }
    const [scheduled] = await deliverySteps(network.paymentId, 4);
    expect(scheduled).toEqual({
      system: 'PROCUREGRAPH',
      action: 'subscribers notified: 4',
      outcome: 'SUCCEEDED',
      durationMs: expect.any(Number),
    });
    expect(scheduled!.durationMs).toBeGreaterThanOrEqual(0);

    await alike[0]!.close();
    await alike[1]!.close();
    await until(() => graph.app.gateway.subscriptions().subscribers === 3, 10_000, 'three subscribers left');
    await changePaymentStatus(graph.app.client, network, 'SCHEDULED', 'SENT');
    for (const subscriber of [alike[2]!, supplier]) expect((await subscriber.take(1))[0]!.data!.paymentStatusChanged.status).toBe('SENT');
    const steps = await deliverySteps(network.paymentId, 6);
    expect(steps.map((step) => step.action)).toEqual(['subscribers notified: 4', 'subscribers notified: 2']);
    expect(other.pending).toEqual([]);
    await closeAll();
  });
});

interface AnotherGatewayOptions {
  subgraphUrls?: Record<string, string>;
  subscriptionQueueLimit?: number;
  supergraphPath?: string;
}

/** Another gateway in front of the same subgraphs (or of `subgraphUrls` where given), as another process would run it. */
async function startAnotherGateway(options: AnotherGatewayOptions = {}): Promise<RunningGateway> {
  return anotherGateway(graph, {
    supergraph: { kind: 'file', path: options.supergraphPath ?? supergraphPath },
    supergraphPollIntervalMs: 50,
    subgraphUrls: options.subgraphUrls,
    subscriptionQueueLimit: options.subscriptionQueueLimit,
  });
}

describe('supergraph reloads', () => {
  it('plans new subscriptions against the supergraph the gateway serves now', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'procuregraph-supergraph-'));
    const served = join(directory, 'supergraph.graphql');
    await copyFile(supergraphPath, served);
    const gateway = await startAnotherGateway({ supergraphPath: served });
    const params = await connectionParams(admin);
    /** The code a subscription selecting PaymentStatusEvent.occurredAt is refused with, if it is. */
    async function refusal(): Promise<string | undefined> {
      const listening = graph.app.events.subscriberCount;
      const probe = subscribe(gateway.graphqlUrl, params, `subscription { paymentStatusChanged { occurredAt } }`);
      let ending: Ending | undefined;
      void probe.ended.then((ended) => (ending = ended));
      await until(() => ending !== undefined || graph.app.events.subscriberCount > listening, 10_000, 'probe listening or refused');
      await probe.close();
      await until(() => graph.app.events.subscriberCount === listening, 10_000, 'probe gone');
      const refused = ending as Ending | undefined;
      return refused?.kind === 'error' ? (refused.error as { extensions: { code: string } }[])[0]?.extensions.code : undefined;
    }
    try {
      expect(await refusal()).toBeUndefined();
      // The new supergraph lacks PaymentStatusEvent.occurredAt.
      await writeFile(served, withoutPaymentEventTime(await readFile(served, 'utf8')));
      await until(async () => (await refusal()) === 'GRAPHQL_VALIDATION_FAILED', 10_000, 'new supergraph served');

      const network = await insertNetwork(graph.app.client);
      const subscriber = subscribe(gateway.graphqlUrl, params, paymentStatusDocument);
      await until(() => graph.app.events.subscriberCount === 1);
      await changePaymentStatus(graph.app.client, network, 'SCHEDULED', 'SENT');
      expect(await subscriber.take(1)).toEqual([
        { data: { paymentStatusChanged: { status: 'SENT', payment: { supplier: { legalName: network.legalName } } } } },
      ]);
      await subscriber.close();
    } finally {
      await gateway.close();
      await rm(directory, { recursive: true, force: true });
    }
    await until(() => graph.app.events.subscriberCount === 0);
  });
});

describe('slow subscribers', () => {
  /** A client that subscribes, then stops reading its socket. */
  async function blockedSubscriber(graphqlUrl: string, query: string): Promise<WebSocket> {
    const socket = new WebSocket(webSocketUrl(graphqlUrl), 'graphql-transport-ws');
    await once(socket, 'open');
    socket.send(JSON.stringify({ type: 'connection_init', payload: await connectionParams(admin) }));
    await once(socket, 'message');
    const listening = graph.app.events.subscriberCount;
    socket.send(JSON.stringify({ id: 'blocked', type: 'subscribe', payload: { query } }));
    await until(() => graph.app.events.subscriberCount > listening, 10_000, 'blocked subscription listening');
    socket.pause();
    return socket;
  }

  it('never delay another subscriber, and are cut off with 1013 once too far behind', async () => {
    const gateway = await startAnotherGateway({ subscriptionQueueLimit: 8 });
    try {
      const network = await insertNetwork(graph.app.client);
      // Large events (an invoice of many long lines) fill the socket buffers of a client that does not read within a few dozen events.
      await executeSql(
        graph.app.client,
        `insert into invoicing.invoice_lines (invoice_id, position, line_number, item_number, quantity, unit_price, amount)
         select $1, n, 1, repeat('X', 200) || n, '1', '1', '1' from generate_series(1, 2000) as n`,
        [network.invoiceId],
      );
      const blocked = await blockedSubscriber(gateway.graphqlUrl, paymentInvoiceLinesDocument);
      const healthy = subscribe(gateway.graphqlUrl, await connectionParams(admin), paymentStatusDocument);
      await until(() => graph.app.events.subscriberCount === 2, 10_000, 'healthy subscription listening');

      // In step: each event reaches the healthy subscriber before the next is raised, while the blocked one piles up.
      // (Each event is resolved for the blocked one too, 2,000 lines: on a loaded machine that takes seconds.)
      for (let index = 0; index < 60; index += 1) {
        await changePaymentStatus(graph.app.client, network, 'SCHEDULED', index % 2 ? 'SENT' : 'SCHEDULED');
        const [result] = await healthy.take(1, 20_000);
        expect(result!.data?.paymentStatusChanged.payment.supplier.legalName).toBe(network.legalName);
      }

      // The blocked subscriber's subgraph subscription is gone at once; it hears why when it reads again.
      await until(() => graph.app.events.subscriberCount === 1, 10_000, 'blocked subscriber cut off');
      const closed = once(blocked, 'close');
      blocked.resume();
      const [code, reason] = (await closed) as [number, Buffer];
      expect({ code, reason: reason.toString() }).toEqual({
        code: SUBSCRIBER_TOO_SLOW,
        reason: 'Subscriber fell too far behind; reconnect',
      });
      await healthy.close();
    } finally {
      await gateway.close();
    }
    await until(() => graph.app.events.subscriberCount === 0);
  }, 180_000);
});

describe.skipIf(!process.env.DATABASE_URL)('several processes on one PostgreSQL', () => {
  it('delivers each event exactly once to a subscriber of each gateway, whichever process raised it', async () => {
    // A second "process": its own connection, event bus, invoicing subgraph and gateway.
    const client = await openDatabaseClient({ url: (graph.app.client as { url: string }).url, maxConnections: 2 });
    const logger = createLogger('second-process');
    const events = await startEventBus({ client, logger });
    const invoicing = await startSubgraphServer({
      definition: invoicingSubgraph(testSubgraphDependencies({ db: createServiceDatabase(client, 'invoicing').db, client, events })),

      port: 0,
      host: '127.0.0.1',
      internalSecret: loadInternalSecret(graph.dataDir),
      audit: createAuditLog(client),
    });
    const gateway = await startAnotherGateway({ subgraphUrls: { invoicing: invoicing.graphqlUrl } });
    try {
      const network = await insertNetwork(graph.app.client);
      const first = await subscribed();
      const second = subscribe(gateway.graphqlUrl, await connectionParams(admin), paymentDocument);
      open.push(second);
      await until(() => events.subscriberCount === 1, 10_000, 'second process listening');

      await changePaymentStatus(graph.app.client, network, null, 'SCHEDULED');
      await changePaymentStatus(client, network, 'SCHEDULED', 'SENT');
      await changePaymentStatus(graph.app.client, network, 'SENT', 'CLEARED');
      for (const subscriber of [first, second]) {
        const statuses = (await subscriber.take(3)).map((result) => result.data!.paymentStatusChanged.status);
        expect(statuses).toEqual(['SCHEDULED', 'SENT', 'CLEARED']);
      }
      // A later event is the next each one receives: no copy of the earlier ones came before it.
      await changePaymentStatus(client, network, 'CLEARED', 'FAILED');
      for (const subscriber of [first, second]) expect((await subscriber.take(1))[0]!.data!.paymentStatusChanged.status).toBe('FAILED');
      await closeAll();
      await until(() => events.subscriberCount === 0);
    } finally {
      await gateway.close();
      await invoicing.close();
      await events.close();
      await closeDatabaseClient(client);
    }
  });
});

describe.skipIf(!process.env.DATABASE_URL)('separate operating-system processes on one PostgreSQL', () => {
  /** Runs an entry point as its own process on a free port, as a deployment would; resolves with its URL once it listens. */
  async function startProcess(script: string, env: Record<string, string>, children: ChildProcess[]): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', ...script.split(' ')], {
      cwd: repositoryRoot,
      env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const listening = await eventually(
      async () => /"url":"(http:[^"]+)\/graphql","msg":"(?:gateway|subgraph) listening"/.exec(output)?.[1],
      60_000,
      100,
      `${script} listening`,
    );
    return listening;
  }

  // Two more processes start through tsx: on a loaded machine that alone takes tens of seconds.
  it('delivers each event exactly once to subscribers of two gateway processes', { timeout: 180_000 }, async () => {
    const databaseUrl = (graph.app.client as { url: string }).url;
    const common = { DATABASE_URL: databaseUrl, DATA_DIR: graph.dataDir, ...(await deploymentSecretsOf(graph)) };
    const children: ChildProcess[] = [];
    try {
      const invoicingUrl = await startProcess('runtime/subgraph-process.ts invoicing', common, children);
      const subgraphUrls = Object.fromEntries(
        subgraphNames.map((name) => [
          `SUBGRAPH_${name.toUpperCase()}_URL`,
          name === 'invoicing' ? `${invoicingUrl}/graphql` : graph.app.subgraphs[name].graphqlUrl,
        ]),
      );
      const gatewayUrl = await startProcess('gateway/main.ts', { ...common, ...subgraphUrls }, children);
      await until(async () => (await fetch(`${gatewayUrl}/readyz`)).ok, 30_000, 'second gateway ready');

      const network = await insertNetwork(graph.app.client);
      const here = await subscribed();
      const there = subscribe(`${gatewayUrl}/graphql`, await connectionParams(admin), paymentDocument);
      open.push(there);
      // The other process's bus is out of reach from here: warm-up events tell when its subscription
      // listens, and a last one, received by both, marks the end of the warm-up.
      const warmUp = await insertNetwork(graph.app.client);
      const warmingUp = async () => {
        await changePaymentStatus(graph.app.client, warmUp, null, 'SCHEDULED');
        return there.pending.length > 0 ? true : undefined;
      };
      await eventually(warmingUp, 30_000, 250, 'other gateway listening');
      await changePaymentStatus(graph.app.client, warmUp, 'SCHEDULED', 'VOIDED');
      for (const subscriber of [here, there])
        await until(
          async () => (await subscriber.take(1, 20_000))[0]!.data!.paymentStatusChanged.status === 'VOIDED',
          30_000,
          'warm-up over',
        );

      const elsewhere = await openDatabaseClient({ url: databaseUrl, maxConnections: 1 });
      try {
        await changePaymentStatus(graph.app.client, network, null, 'SCHEDULED');
        await changePaymentStatus(elsewhere, network, 'SCHEDULED', 'SENT');
        await changePaymentStatus(graph.app.client, network, 'SENT', 'CLEARED');
      } finally {
        await closeDatabaseClient(elsewhere);
      }
      for (const subscriber of [here, there]) {
        const events = (await subscriber.take(3, 20_000)).map((result) => result.data!.paymentStatusChanged);
        expect(events.map((event) => event.status)).toEqual(['SCHEDULED', 'SENT', 'CLEARED']);
        expect(events[2]!.payment.invoice.invoiceNumber).toBe(network.invoiceNumber);
      }
      // A later event is the next each one receives: no copy of the earlier ones came before it.
      await changePaymentStatus(graph.app.client, network, 'CLEARED', 'FAILED');
      for (const subscriber of [here, there])
        expect((await subscriber.take(1, 20_000))[0]!.data!.paymentStatusChanged.status).toBe('FAILED');
      await closeAll();
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await Promise.all(children.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)));
    }
  });
});

/** The supergraph with PaymentStatusEvent's occurredAt field taken out. */
function withoutPaymentEventTime(supergraph: string): string {
  const start = supergraph.indexOf('type PaymentStatusEvent');
  const end = supergraph.indexOf('\n}', start) + 1;
  const type = supergraph.slice(start, end).replace(/^\s+occurredAt: DateTime!.*\n/m, '');
  return supergraph.slice(0, start) + type + supergraph.slice(end);
}
