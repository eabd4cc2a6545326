import type { BenchPlan } from '../config.ts';
import { spreadOf, type Spread } from '../stats.ts';

export interface OnboardingFigure {
  suppliers: number;
  erpLatencyMs: number;
  /** onboardSupplier sent → the supplier reads ACTIVE through the graph. */
  onboardToActiveMs: Spread;
  /** approveSupplier sent → ACTIVE: the ERP round trip the approval workflow makes. */
  approveToActiveMs: Spread;
}

export interface OnboardingSetup {
  readonly graphqlUrl: string;
  readonly erpUrl: string;
  readonly headers: () => Promise<Record<string, string>>;
}

const ERP_LATENCY_MS = 50;
const POLL_MS = 10;

/** An operation's source, carrying the shape of its data so `graphql` returns it typed. */
type Operation<Data> = string & { readonly data?: Data };

const ONBOARD: Operation<{
  onboardSupplier: {
    supplier: { id: string; status: string } | null;
    userErrors: { field: string[] | null; code: string; message: string }[];
  };
}> = `mutation Onboard($input: OnboardSupplierInput!) {
  onboardSupplier(input: $input) { supplier { id status } userErrors { field code message } }
}`;
const APPROVE: Operation<{ approveSupplier: { supplier: { status: string } | null; userErrors: { code: string; message: string }[] } }> =
  `mutation Approve($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code message } } }`;
const STATUS: Operation<{ supplier: { status: string } | null }> = `query Status($id: ID!) { supplier(id: $id) { status } }`;

async function graphql<Data>(setup: OnboardingSetup, query: Operation<Data>, variables: Record<string, unknown>): Promise<Data> {
  const response = await fetch(setup.graphqlUrl, {
    method: 'POST',
    headers: await setup.headers(),
    body: JSON.stringify({ query, variables }),
  });
  const payload = (await response.json()) as { data?: Data; errors?: unknown };
  if (!payload.data || payload.errors) throw new Error(`Onboarding step failed: ${JSON.stringify(payload).slice(0, 500)}`);
  return payload.data;
}

/** A new supplier's input; `serial` keeps its name, tax id and bank account apart from every other run's. */
function newSupplier(serial: number): Record<string, unknown> {
  const digits = String(serial).padStart(7, '0').slice(-7);
  return {
    legalName: `Bench Sterile Supply ${serial} Inc.`,
    taxId: `83-${digits}`,
    category: 'MEDICAL_SURGICAL',
    address: { line1: '400 N Michigan Ave', city: 'Chicago', region: 'IL', postalCode: '60611', country: 'US' },
    contact: { name: 'Dana Ruiz', email: `dana.${serial}@bench.example`, phone: '(312) 555-0142' },
    bankAccount: { routingNumber: '011000015', accountNumber: `0009${digits}`, accountType: 'CHECKING' },
    insuranceCertificates: [
      { type: 'GENERAL_LIABILITY', carrier: 'Travelers', policyNumber: `GL-${digits}`, coverageAmount: '2000000', expiresOn: '2030-06-30' },
      {
        type: 'WORKERS_COMPENSATION',
        carrier: 'Travelers',
        policyNumber: `WC-${digits}`,
        coverageAmount: '1000000',
        expiresOn: '2030-06-30',
      },
    ],
    idempotencyKey: `bench-onboard-${serial}`,
  };
}

async function untilActive(setup: OnboardingSetup, id: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await graphql(setup, STATUS, { id })).supplier?.status === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`Supplier ${id} was not ACTIVE within a minute`);
}

async function onboardOne(setup: OnboardingSetup, serial: number): Promise<{ total: number; afterApproval: number }> {
  const started = performance.now();
  const onboarded = (await graphql(setup, ONBOARD, { input: newSupplier(serial) })).onboardSupplier;
  if (onboarded.userErrors.length > 0) throw new Error(`onboardSupplier refused: ${JSON.stringify(onboarded.userErrors)}`);
  const approving = performance.now();
  const approved = (await graphql(setup, APPROVE, { id: onboarded.supplier!.id })).approveSupplier;
  if (approved.userErrors.length > 0) throw new Error(`approveSupplier refused: ${JSON.stringify(approved.userErrors)}`);
  await untilActive(setup, onboarded.supplier!.id);
  const active = performance.now();
  return { total: active - started, afterApproval: active - approving };
}

/**
 * Onboarding latency through the graph, one supplier at a time, with the reference ERP answering
 * every call 50 ms late. ACTIVE is observed by polling every 10 ms, which bounds the error.
 */
export async function measureOnboarding(setup: OnboardingSetup, plan: BenchPlan): Promise<OnboardingFigure> {
  const faults = await fetch(`${setup.erpUrl}/admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ latencyMs: ERP_LATENCY_MS }),
  });
  if (!faults.ok) throw new Error(`The ERP refused the fault settings: ${faults.status}`);
  try {
    const runs: { total: number; afterApproval: number }[] = [];
    const base = Date.now() % 1_000_000;
    for (let index = 0; index < plan.onboardings; index += 1) runs.push(await onboardOne(setup, base * 10 + index));
    return {
      suppliers: runs.length,
      erpLatencyMs: ERP_LATENCY_MS,
      onboardToActiveMs: spreadOf(runs.map((run) => run.total)),
      approveToActiveMs: spreadOf(runs.map((run) => run.afterApproval)),
    };
  } finally {
    await fetch(`${setup.erpUrl}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs: 0 }),
    });
  }
}
