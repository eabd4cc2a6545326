import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { BenchPlan } from '../config.ts';
import { cpuMsPerRequest, cpuSnapshot } from '../cpu.ts';
import type { WatchedProcess } from '../memory.ts';
import { percentile } from '../stats.ts';
import type { CpuProfileSummary } from './cpu-profile.ts';

/** Every status change of every payment, with no field of another subgraph: what is measured is the way in. */
const statusChanges = `subscription ErpPaymentRun {
  paymentStatusChanged { status payment { id } }
}`;

export interface ErpPaymentRunFigure {
  /** Payment runs that advanced at least one payment. */
  runs: number;
  /** Payments the runs advanced, and the subscriber messages that followed within the wait. */
  advanced: number;
  delivered: number;
  /** Milliseconds from sending the run to the ERP to the subscriber's message, over every message. */
  p50: number;
  p99: number;
  /** From the run to its first message: the way in alone, before the run's other payments queue behind it. */
  firstP50: number;
  /** From sending the run to the ERP's answer: the reference ERP's own work on the run (absent in older results). */
  erpAnsweredP50?: number;
  /**
   * CPU ms per payment event of each process, PostgreSQL as a whole among them, from the first
   * run sent to the last message: what the burst costs the machine (absent in older results).
   */
  cpuMsPerEvent?: Record<string, number>;
}

/** The processes an ERP payment run's events pass through: the gateway takes the ERP's webhooks and delivers; the subgraphs apply them. */
export const PAYMENT_RUN_PROCESSES = ['gateway', 'invoicing', 'procurement'] as const;

export interface ErpPaymentRunProfile {
  /** Manual payments issued for the second pass (each cleared payment voided and paid again). */
  issued: number;
  /** The second pass's figure, under the profiler: slower than the measured one, shown for its shape. */
  figure: ErpPaymentRunFigure;
  profiles: Record<(typeof PAYMENT_RUN_PROCESSES)[number], CpuProfileSummary>;
}

export interface ErpPaymentRunSetup {
  readonly webSocketUrl: string;
  readonly authorization: () => Promise<string>;
  readonly erpUrl: string;
  /** The processes whose CPU the runs are charged (read when the runs start: a profiled pass restarts some). */
  readonly processes: () => readonly WatchedProcess[];
}

const now = () => performance.timeOrigin + performance.now();
const WAIT_MS = 30_000;

/**
 * `POST /admin/payment-run` on the reference ERP (every open payment one step on) until a run
 * advances nothing or the plan's runs are done, each timed to the `paymentStatusChanged` messages
 * of one subscriber on the gateway: the ERP pushes each event to the gateway's `/webhooks/erp`,
 * invoicing applies it and publishes, the gateway delivers. The feed is not what delivers it
 * (it is read every two seconds; a figure near that would say the push failed).
 */
export async function measureErpPaymentRun(
  setup: ErpPaymentRunSetup,
  plan: BenchPlan,
  progress: (line: string) => void,
): Promise<ErpPaymentRunFigure> {
  const arrivals: number[] = [];
  let wake = () => {};
  const client = createClient({
    url: setup.webSocketUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: await setup.authorization() },
    retryAttempts: 0,
  });
  const subscribed = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  const unsubscribe = client.subscribe(
    { query: statusChanges },
    {
      next: () => {
        arrivals.push(now());
        wake();
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  try {
    await subscribed;
    // The gateway's upstream subscription is open once the connection is acknowledged and the operation sent.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const latencies: number[] = [];
    const firsts: number[] = [];
    const answered: number[] = [];
    let runs = 0;
    let advanced = 0;
    const cpuBefore = await cpuSnapshot(setup.processes());
    for (let run = 0; run < plan.erpPaymentRuns; run += 1) {
      arrivals.length = 0;
      const sentAt = now();
      const response = await fetch(`${setup.erpUrl}/admin/payment-run`, { method: 'POST' });
      const moved = ((await response.json()) as { advanced: number }).advanced;
      if (moved === 0) break;
      answered.push(now() - sentAt);
      const deadline = sentAt + WAIT_MS;
      while (arrivals.length < moved && now() < deadline) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      runs += 1;
      advanced += moved;
      latencies.push(...arrivals.map((at) => at - sentAt));
      if (arrivals.length > 0) firsts.push(arrivals[0]! - sentAt);
      progress(
        `payment run ${run + 1}: ${moved} advanced, ${arrivals.length} messages, last after ${(Math.max(...arrivals) - sentAt).toFixed(0)} ms`,
      );
    }
    const cpuMsPerEvent = cpuMsPerRequest(cpuBefore, await cpuSnapshot(setup.processes()), advanced);
    return {
      runs,
      advanced,
      delivered: latencies.length,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      firstP50: percentile(firsts, 50),
      erpAnsweredP50: percentile(answered, 50),
      cpuMsPerEvent,
    };
  } finally {
    unsubscribe();
    await client.dispose();
  }
}

interface ClearedPayment {
  PaymentId: number;
  relatedInvoices: { items: { InvoiceId: number; InvoiceType: string }[] };
}

const QUIET_MS = 5_000;
const PAYMENTS_PAGE = 500;

async function clearedPayments(erpUrl: string): Promise<ClearedPayment[]> {
  const all: ClearedPayment[] = [];
  for (let offset = 0; ; offset += PAYMENTS_PAGE) {
    const page = await fetch(
      `${erpUrl}/fscmRestApi/resources/11.13.18.05/payablesPayments?q=PaymentStatus=Cleared&expand=relatedInvoices&limit=${PAYMENTS_PAGE}&offset=${offset}`,
    );
    const { items, hasMore } = (await page.json()) as { items: ClearedPayment[]; hasMore: boolean };
    all.push(...items);
    if (!hasMore) return all;
  }
}

/**
 * Makes the paid world payable again, for a second pass (the profiled one) after the runs above
 * cleared their payments: the `count` newest cleared payments voided, and the standard invoices
 * of each paid anew by a manual payment, issued, that the next runs advance. Waits for the events
 * this causes to pass before returning the payments issued.
 */
export async function reissueClearedPayments(erpUrl: string, count: number): Promise<number> {
  const newest = (await clearedPayments(erpUrl)).sort((a, b) => b.PaymentId - a.PaymentId).slice(0, count);
  let issued = 0;
  for (const payment of newest) {
    const voided = await fetch(`${erpUrl}/admin/payments/${payment.PaymentId}/void`, { method: 'POST' });
    if (!voided.ok) throw new Error(`Voiding payment ${payment.PaymentId}: ${voided.status} ${await voided.text()}`);
    const standard = payment.relatedInvoices.items.filter((related) => related.InvoiceType === 'Standard');
    if (standard.length === 0) continue;
    const reissued = await fetch(`${erpUrl}/admin/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ relatedInvoices: standard.map((related) => ({ InvoiceId: related.InvoiceId })) }),
    });
    if (!reissued.ok) throw new Error(`Paying again what payment ${payment.PaymentId} paid: ${reissued.status} ${await reissued.text()}`);
    issued += 1;
  }
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  return issued;
}
