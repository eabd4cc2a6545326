import { once } from 'node:events';
import { closeDatabaseClient, executeSql, openDatabaseClient, type DatabaseClient } from '@procuregraph/platform/db';
import { publishEvent } from '@procuregraph/platform/events';
import type { BenchPlan } from '../config.ts';
import { residentMiB, startService, type ServiceProcess } from '../processes.ts';
import { subgraphNames, type SubgraphName } from '@procuregraph/schema';
import { percentile, spreadOf, type Spread } from '../stats.ts';
import { statementsSoFar } from './sql-statements.ts';
import type { SubscriberCommand, SubscriberReport } from './subscribers-process.ts';

/** Selects invoicing's fields only, so each delivery costs the gateway no entity fetch: what is measured is fan-out. */
export const subscriptionDocument = `subscription PaymentStatus {
  paymentStatusChanged { previousStatus status occurredAt payment { id status amount { amount currency } } }
}`;

export interface SubscriptionFigure {
  subscribers: number;
  connected: number;
  /** Subscribers whose subscription was live through the gateway to the subgraph (a probe reached them). */
  listening: number;
  /** Subscribers that received every measured event. */
  receivedAll: number;
  /** Milliseconds from publishing an event to its delivery, over all deliveries of all measured events. */
  deliveryP50: number;
  deliveryP99: number;
  /** Publish to the last delivery, per event. */
  lastDelivery: Spread;
  gatewayKiBPerSubscriber: number;
  invoicingKiBPerSubscriber: number;
  gatewayResidentMiB: number;
  invoicingResidentMiB: number;
  /** SQL statements the subgraphs ran per event delivered to every listening subscriber. */
  statementsPerEvent: number;
}

export interface SubscriptionSetup {
  readonly databaseUrl: string;
  readonly webSocketUrl: string;
  readonly authorization: () => Promise<string>;
  readonly gatewayPid: () => number;
  readonly invoicingPid: number;
  readonly metricsUrls: Readonly<Record<SubgraphName, string>>;
}

interface Payment {
  id: string;
  invoice_id: string;
  supplier_id: string;
}

const now = () => performance.timeOrigin + performance.now();

class SubscriberDriver {
  private constructor(private readonly process: ServiceProcess) {}

  static start(count: number): SubscriberDriver {
    return new SubscriberDriver(startService(`subscribers-${count}`, { script: 'bench/scenarios/subscribers-process.ts', env: {} }));
  }

  async send(command: SubscriberCommand): Promise<SubscriberReport> {
    const reply = once(this.process.child, 'message') as Promise<[SubscriberReport]>;
    this.process.child.send(command);
    return (await reply)[0];
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}

/** What the invoicing subgraph publishes when the ERP moves a payment: the same topic and payload, stamped now. */
async function publishPaymentChange(client: DatabaseClient, payment: Payment): Promise<{ occurredAt: string; publishedAt: number }> {
  const publishedAt = now();
  const occurredAt = new Date(publishedAt).toISOString();
  await publishEvent(client, {
    topic: 'payment.status_changed',
    aggregateId: payment.id,
    payload: {
      paymentId: payment.id,
      invoiceId: payment.invoice_id,
      supplierId: payment.supplier_id,
      previousStatus: 'SCHEDULED',
      status: 'SENT',
      occurredAt,
    },
  });
  return { occurredAt, publishedAt };
}

/**
 * Publishes probes until one reaches every connected subscriber (only then is every subscription
 * live upstream), or a minute has passed; returns how many the best probe reached.
 */
async function subscribersListening(
  driver: SubscriberDriver,
  client: DatabaseClient,
  payment: Payment,
  connected: number,
): Promise<number> {
  const deadline = Date.now() + 60_000;
  let reached = 0;
  while (reached < connected && Date.now() < deadline) {
    const { occurredAt } = await publishPaymentChange(client, payment);
    const report = await driver.send({ kind: 'await', occurredAt, expected: connected, timeoutMs: 10_000 });
    if (report.kind === 'received') reached = Math.max(reached, report.receivedAt.length);
  }
  return reached;
}

async function measureCount(
  setup: SubscriptionSetup,
  client: DatabaseClient,
  payment: Payment,
  count: number,
  plan: BenchPlan,
): Promise<SubscriptionFigure> {
  const gatewayBefore = await residentMiB(setup.gatewayPid());
  const invoicingBefore = await residentMiB(setup.invoicingPid);
  const driver = SubscriberDriver.start(count);
  try {
    const opened = await driver.send({
      kind: 'open',
      url: setup.webSocketUrl,
      authorization: await setup.authorization(),
      query: subscriptionDocument,
      count,
    });
    if (opened.kind !== 'opened') throw new Error('The subscriber process answered out of turn');
    const listening = await subscribersListening(driver, client, payment, opened.connected);
    if (listening === 0) throw new Error(`None of ${opened.connected} connected subscribers received an event`);
    const gatewayAfter = await residentMiB(setup.gatewayPid());
    const invoicingAfter = await residentMiB(setup.invoicingPid);
    const latencies: number[] = [];
    const lastDeliveries: number[] = [];
    let receivedAll = listening;
    const statementsBefore = await statementsSoFar(setup.metricsUrls);
    for (let event = 0; event < plan.subscriptionEvents; event += 1) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const { occurredAt, publishedAt } = await publishPaymentChange(client, payment);
      const report = await driver.send({ kind: 'await', occurredAt, expected: listening, timeoutMs: 60_000 });
      if (report.kind !== 'received') throw new Error('The subscriber process answered out of turn');
      const delays = report.receivedAt.map((at) => at - publishedAt);
      latencies.push(...delays);
      lastDeliveries.push(Math.max(...delays));
      receivedAll = Math.min(receivedAll, delays.length);
    }
    const statementsAfter = await statementsSoFar(setup.metricsUrls);
    const statements = subgraphNames.reduce((sum, name) => sum + statementsAfter[name] - statementsBefore[name], 0);
    return {
      statementsPerEvent: statements / plan.subscriptionEvents,
      subscribers: count,
      connected: opened.connected,
      listening,
      receivedAll,
      deliveryP50: percentile(latencies, 50),
      deliveryP99: percentile(latencies, 99),
      lastDelivery: spreadOf(lastDeliveries),
      gatewayKiBPerSubscriber: ((gatewayAfter - gatewayBefore) * 1024) / listening,
      invoicingKiBPerSubscriber: ((invoicingAfter - invoicingBefore) * 1024) / listening,
      gatewayResidentMiB: gatewayAfter,
      invoicingResidentMiB: invoicingAfter,
    };
  } finally {
    await driver.send({ kind: 'close' }).catch(() => undefined);
    await driver.stop();
  }
}

/**
 * `paymentStatusChanged` fan-out at each subscriber count: delivery latency from the moment the
 * event is published (the NOTIFY the invoicing subgraph's feed would send) to each client, and
 * the memory each subscriber costs the gateway and the invoicing subgraph.
 */
export async function measureSubscriptions(
  setup: SubscriptionSetup,
  plan: BenchPlan,
  progress: (line: string) => void,
): Promise<(SubscriptionFigure | { subscribers: number; failure: string })[]> {
  const client = await openDatabaseClient({ url: setup.databaseUrl, maxConnections: 1 });
  try {
    const [payment] = await executeSql<Payment>(client, `select id, invoice_id, supplier_id from invoicing.payments order by id limit 1`);
    if (!payment) throw new Error('The dataset has no payment to change');
    const figures: (SubscriptionFigure | { subscribers: number; failure: string })[] = [];
    for (const count of plan.subscriberCounts) {
      try {
        const figure = await measureCount(setup, client, payment, count, plan);
        progress(
          `${count} subscribers (${figure.listening} listening): p50 ${figure.deliveryP50.toFixed(1)} ms, p99 ${figure.deliveryP99.toFixed(1)} ms, last ${figure.lastDelivery.median.toFixed(1)} ms, ${figure.gatewayKiBPerSubscriber.toFixed(1)} KiB each`,
        );
        figures.push(figure);
      } catch (error) {
        // A count the gateway cannot hold is a finding, not a reason to lose the other counts.
        progress(`${count} subscribers failed: ${(error as Error).message}`);
        figures.push({ subscribers: count, failure: (error as Error).message });
      }
      // Let the gateway and the subgraph release the closed subscriptions before the next baseline.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    }
    return figures;
  } finally {
    await closeDatabaseClient(client);
  }
}
