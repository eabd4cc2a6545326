import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { graphql } from '../generated/gql.ts';
import { eventually, settled, startTestGraph, type TestGraph } from '../harness.ts';

/**
 * A record's journey through the gateway: every step it took, in order, with durations, from the
 * mutation to the ERP's records and the portal; and a supplier held up by an ERP outage shows
 * where it stands, its attempts and the last error.
 */
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  delete process.env.JOURNEY_STUCK_AFTER_SECONDS;
  await graph?.close();
});

const ONBOARD = graphql(`
  mutation JourneyOnboard($input: OnboardSupplierInput!) {
    onboardSupplier(input: $input) {
      supplier {
        id
      }
      userErrors {
        code
      }
    }
  }
`);

const APPROVE = graphql(`
  mutation JourneyApprove($id: ID!) {
    approveSupplier(id: $id) {
      userErrors {
        code
      }
    }
  }
`);

const SUPPLIER_JOURNEY = graphql(`
  query SupplierJourney($id: ID!) {
    supplier(id: $id) {
      status
      journey {
        steps {
          at
          system
          action
          outcome
          attempt
          durationMs
          error
          traceId
        }
        currentStep {
          system
          action
          outcome
          attempt
          error
        }
        stuck
      }
    }
  }
`);

async function onboardAndApprove(legalName: string, taxId: string): Promise<string> {
  const onboarded = await graph.query(
    ONBOARD,
    {
      input: {
        legalName,
        taxId,
        category: 'MEDICAL_SURGICAL',
        address: { line1: '400 N Michigan Ave', city: 'Chicago', region: 'IL', postalCode: '60611', country: 'US' },
        contact: { name: 'Dana Ruiz', email: 'dana.ruiz@journey.example', phone: '(312) 555-0142' },
        bankAccount: { routingNumber: '011000015', accountNumber: `0009876${taxId.slice(-5)}`, accountType: 'CHECKING' },
        insuranceCertificates: [
          { type: 'GENERAL_LIABILITY', carrier: 'Travelers', policyNumber: 'GL-1', coverageAmount: '2000000', expiresOn: '2028-06-30' },
          { type: 'WORKERS_COMPENSATION', carrier: 'Travelers', policyNumber: 'WC-1', coverageAmount: '1000000', expiresOn: '2028-06-30' },
        ],
      },
    },
    buyer,
  );
  expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
  const id = onboarded.data!.onboardSupplier.supplier!.id;
  const approved = await graph.query(APPROVE, { id }, buyer);
  expect(approved.data!.approveSupplier.userErrors).toEqual([]);
  return id;
}

/** Steps come in time order, and every step but the last says how long it took. */
function expectTimedInOrder(steps: readonly { at: string; durationMs?: number | null }[]): void {
  const times = steps.map((step) => Date.parse(step.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  for (const step of steps.slice(0, -1)) expect(step.durationMs).toBeGreaterThanOrEqual(0);
}

async function journeyOf(id: string) {
  const { data, errors } = await graph.query(SUPPLIER_JOURNEY, { id }, buyer);
  expect(errors).toBeUndefined();
  return data!.supplier!;
}

describe('journeys', () => {
  it('shows a supplier onboarding → screening → approval → ERP supplier, address, site, bank account → portal enrollment, in order, with durations', async () => {
    const id = await onboardAndApprove('Journey Surgical Supply LLC', '47-3310457');
    await eventually(async () =>
      (await journeyOf(id)).journey.steps.some((step) => step.action === 'supplier.portal_enrolled') ? true : undefined,
    );
    await settled(graph.app, ['suppliers', 'procurement', 'invoicing', 'contracts']);
    const { journey } = await journeyOf(id);

    // The supplier's own path; the other subgraphs' jobs about it (their copies) interleave with it.
    // A job attempt is recorded when it ends, after the calls it made and the events it committed.
    const attemptOf = (queue: string) => journey.steps.findIndex((step) => step.action === queue && step.attempt !== null);
    expect(attemptOf('erp-supplier-setup')).toBeGreaterThan(journey.steps.findIndex((step) => step.action === 'supplier.erp_linked'));
    const lastCall = journey.steps.findLastIndex((step) => step.action === 'PUT /api/v1/registrations/{id}/erp-reference');
    expect(attemptOf('vendor-platform-erp-reference')).toBeGreaterThan(lastCall);
    const jobs = ['erp-supplier-setup', 'vendor-platform-erp-reference'];
    const own = journey.steps.filter((step) =>
      step.system === 'PROCUREGRAPH' ? /^(onboardSupplier|screening|supplier\.)/.test(step.action) : !jobs.includes(step.action),
    );
    const erp = '/fscmRestApi/resources/11.13.18.05';
    expect(own.map((step) => [step.system, step.action, step.outcome, step.attempt])).toEqual([
      ['PROCUREGRAPH', 'onboardSupplier', 'SUCCEEDED', null],
      ['PROCUREGRAPH', 'screening: CLEAR', 'SUCCEEDED', null],
      ['PROCUREGRAPH', 'supplier.status_changed: PENDING_APPROVAL', 'SUCCEEDED', null],
      ['PROCUREGRAPH', 'supplier.status_changed: APPROVED', 'SUCCEEDED', null],
      ['PROCUREGRAPH', 'supplier.approved', 'SUCCEEDED', null],
      ['ERP', 'erp-supplier-setup: queued', 'PENDING', null],
      ['ERP', `POST ${erp}/suppliers`, 'SUCCEEDED', 1],
      ['ERP', `POST ${erp}/suppliers/{id}/child/addresses`, 'SUCCEEDED', 1],
      ['ERP', `POST ${erp}/suppliers/{id}/child/sites`, 'SUCCEEDED', 1],
      ['ERP', `POST ${erp}/externalBankAccounts`, 'SUCCEEDED', 1],
      ['ERP', `GET ${erp}/suppliers/{id}`, 'SUCCEEDED', 1],
      ['PROCUREGRAPH', 'supplier.status_changed: ACTIVE', 'SUCCEEDED', null],
      ['PROCUREGRAPH', 'supplier.erp_linked', 'SUCCEEDED', null],
      ['VENDOR_PLATFORM', 'vendor-platform-erp-reference: queued', 'PENDING', null],
      ['VENDOR_PLATFORM', 'POST /api/v1/registrations', 'SUCCEEDED', 1],
      ['PROCUREGRAPH', 'supplier.portal_enrolled', 'SUCCEEDED', null],
      ['VENDOR_PLATFORM', 'POST /api/v1/registrations/{id}/approve', 'SUCCEEDED', 1],
      ['VENDOR_PLATFORM', 'PUT /api/v1/registrations/{id}/erp-reference', 'SUCCEEDED', 1],
    ]);
    expectTimedInOrder(journey.steps);
    // Each job the supplier's events became ran once and succeeded: nothing is left waiting.
    const queued = journey.steps.filter((step) => step.action.endsWith(': queued')).map((step) => step.action.replace(': queued', ''));
    const attempts = journey.steps.filter((step) => step.attempt !== null && queued.includes(step.action)).map((step) => step.action);
    expect(attempts.sort()).toEqual([...queued].sort());
    const last = journey.steps.at(-1)!;
    expect(journey.currentStep).toEqual({
      system: last.system,
      action: last.action,
      outcome: 'SUCCEEDED',
      attempt: last.attempt,
      error: null,
    });
    expect(journey.stuck).toBe(false);
  });

  it('shows a supplier held up by an ERP outage at its ERP setup, with its attempts and last error, stuck past the threshold', async () => {
    const faults = (body: object) =>
      fetch(`${graph.app.systems.erpUrl}/admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await faults({ outage: true })).status).toBe(200);
    try {
      const id = await onboardAndApprove('Outage Medical Devices LLC', '47-5510231');
      const { journey } = await eventually(async () => {
        const supplier = await journeyOf(id);
        return supplier.journey.currentStep?.action === 'erp-supplier-setup' ? supplier : undefined;
      });
      expect(journey.currentStep).toMatchObject({ system: 'ERP', outcome: 'RETRYING', attempt: 1 });
      const lastError =
        'POST /fscmRestApi/resources/11.13.18.05/suppliers → 503: FND-REST-UNAVAILABLE: The service is unavailable (simulated outage).';
      expect(journey.currentStep!.error).toBe(`RemoteHttpError: ${lastError}`);
      const calls = journey.steps.filter((step) => step.action === `POST /fscmRestApi/resources/11.13.18.05/suppliers`);
      expect(calls.map((call) => [call.system, call.outcome, call.attempt, call.error])).toEqual([['ERP', 'FAILED', 1, lastError]]);
      expect(journey.stuck).toBe(false);

      process.env.JOURNEY_STUCK_AFTER_SECONDS = '1';
      const later = await eventually(async () => {
        const supplier = await journeyOf(id);
        return supplier.journey.stuck ? supplier : undefined;
      }, 20_000);
      expect(later.status).toBe('APPROVED');
      expect(later.journey.currentStep).toMatchObject({ system: 'ERP', action: 'erp-supplier-setup', outcome: 'RETRYING' });
      expect(later.journey.currentStep!.attempt).toBeGreaterThanOrEqual(1);
    } finally {
      await faults({});
    }
  });

  it("shows a supplier's answers to orders on its portal as steps of each order's journey", async () => {
    const supplier = [...createWorld({ scale: 'default' }).suppliers()].find(
      (candidate) => candidate.status === 'ACTIVE' && candidate.erp !== null,
    )!;
    const line = { itemNumber: 'GLV-NIT-M', description: 'Nitrile gloves, medium', quantity: '4', unitOfMeasure: 'BX', unitPrice: '7.50' };
    const published = async () => {
      const issued = await graph.query(
        ISSUE_ORDER,
        { input: { supplierId: supplier.id, idempotencyKey: randomUUID(), lines: [line] } },
        buyer,
      );
      const id = issued.data!.issuePurchaseOrder.purchaseOrder!.id;
      await eventually(async () => ((await orderJourney(id)).publication.state === 'PUBLISHED' ? true : undefined));
      return id;
    };
    const accepted = await published();
    const declined = await published();
    for (const [id, response] of [
      [accepted, 'accepted'],
      [declined, 'rejected'],
    ] as const) {
      const answered = await fetch(`${graph.app.systems.vendorPlatformUrl}/api/v1/portal/purchase-orders/${id}/acknowledge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response }),
      });
      expect(answered.status).toBe(200);
    }
    const answerOf = async (id: string) => {
      const seen = await eventually(async () => {
        const order = await orderJourney(id);
        const answer = order.journey.steps.find((step) => step.action.endsWith('on the portal'));
        return answer ? { answer, journey: order.journey } : undefined;
      });
      // The state is read again: one query reads the order before its journey, so the answer's
      // transaction may commit between the two. It wrote both, so any read after it sees both.
      return { ...seen, state: (await orderJourney(id)).publication.state };
    };
    const [yes, no] = [await answerOf(accepted), await answerOf(declined)];
    expect([yes.state, yes.answer.system, yes.answer.action, yes.answer.outcome]).toEqual([
      'ACKNOWLEDGED',
      'VENDOR_PLATFORM',
      'acknowledged on the portal',
      'SUCCEEDED',
    ]);
    expect([no.state, no.answer.system, no.answer.action, no.answer.outcome]).toEqual([
      'PUBLISHED',
      'VENDOR_PLATFORM',
      'rejected on the portal',
      'SUCCEEDED',
    ]);
    // The answer comes after the order's publication on the portal.
    const publication = yes.journey.steps.findIndex((step) => step.action.startsWith('PUT /api/v1/portal/purchase-orders'));
    expect(publication).toBeGreaterThanOrEqual(0);
    expect(yes.journey.steps.indexOf(yes.answer)).toBeGreaterThan(publication);
    expectTimedInOrder(yes.journey.steps);
  });
});

const ISSUE_ORDER = graphql(`
  mutation JourneyIssueOrder($input: IssuePurchaseOrderInput!) {
    issuePurchaseOrder(input: $input) {
      purchaseOrder {
        id
      }
      userErrors {
        code
      }
    }
  }
`);

const ORDER_JOURNEY = graphql(`
  query JourneyOrderAnswer($id: ID!) {
    purchaseOrder(id: $id) {
      publication {
        state
      }
      journey {
        steps {
          at
          system
          action
          outcome
          durationMs
        }
      }
    }
  }
`);

async function orderJourney(id: string) {
  const { data, errors } = await graph.query(ORDER_JOURNEY, { id }, buyer);
  expect(errors).toBeUndefined();
  return data!.purchaseOrder!;
}
