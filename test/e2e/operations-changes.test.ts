import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { call } from '@procuregraph/reference-http/testing';
import { graphql } from '../generated/gql.ts';
import { startTestGraph, until, type TestGraph } from '../harness.ts';
import { takeBankAccountInErp } from '../refused-suppliers.ts';
import { approveSupplier, onboardSupplier } from '../supplier-onboarding.ts';
import { subscribe, type Subscriber } from '../subscriber.ts';

/**
 * `operationsChanged` through the gateway over real WebSockets: a dead letter and a circuit
 * breaker opening each reach the subscriber of their topic, once what they announce can be read.
 */

let graph: TestGraph;
const engineer: UserCaller = { kind: 'staff', subject: 'integration-live', role: 'integration' };
const clerk: UserCaller = { kind: 'staff', subject: 'finance-live', role: 'finance' };

const OPERATIONS_CHANGED = graphql(`
  subscription OperationsChangedLive($topics: [OperationsTopic!], $recordId: ID) {
    operationsChanged(topics: $topics, recordId: $recordId) {
      topic
      system
      recordId
      changes
      occurredAt
    }
  }
`);

const ERP_STATE = graphql(`
  query OperationsChangedErpState {
    integrationSystems {
      system
      circuit
    }
    deadLetters(first: 50, filter: { system: ERP }) {
      nodes {
        entityId
        queue
      }
    }
  }
`);

type Changes = Subscriber<{ operationsChanged: Record<string, unknown> }>;

/** Subscribes as `caller` and waits until the gateway's subscription listens on the bus. */
async function listen(caller: UserCaller, variables: { topics?: string[]; recordId?: string }): Promise<Changes> {
  const listening = graph.app.events.subscriberCount;
  const changes = subscribe(
    graph.graphqlUrl,
    { authorization: `Bearer ${await graph.tokenFor(caller)}` },
    OPERATIONS_CHANGED,
    variables as never,
  ) as Changes;
  await until(() => graph.app.events.subscriberCount > listening || changes.pending.length > 0, 10_000, 'subscription listening');
  return changes;
}

beforeAll(async () => {
  // The ERP feeds are read every 100 ms, so an ERP outage opens its breaker within a second.
  graph = await startTestGraph({ erpFeedPollIntervalMs: 100 });
});

afterAll(async () => {
  await graph?.close();
});

describe('operationsChanged', () => {
  it('announces a dead letter to DEAD_LETTERS subscribers once it is listed, and its replay', async () => {
    const account = { routingNumber: '011000015', accountNumber: '000444000111', accountType: 'CHECKING' } as const;
    const taken = await takeBankAccountInErp(graph.app.systems.erpUrl, account);
    const supplierId = await onboardSupplier(graph, {
      legalName: 'Tidewater Surgical Goods LLC',
      taxId: '52-6610451',
      bankAccount: account,
    });
    const changes = await listen(engineer, { topics: ['DEAD_LETTERS'], recordId: supplierId });
    const before = Date.now();
    await approveSupplier(graph, supplierId);

    const [deadLettered] = await changes.take(1, 30_000);
    expect(deadLettered!.errors).toBeUndefined();
    const change = deadLettered!.data!.operationsChanged;
    expect(change).toEqual({ topic: 'DEAD_LETTERS', system: 'ERP', recordId: supplierId, changes: 1, occurredAt: expect.any(String) });
    expect(Date.parse(change.occurredAt as string)).toBeGreaterThanOrEqual(before);
    // Announced once the dead letter is there to read: no wait, no retry.
    const { data } = await graph.query(ERP_STATE, undefined, engineer);
    expect(data!.deadLetters.nodes.filter((node) => node.entityId === supplierId)).toEqual([
      { entityId: supplierId, queue: 'erp-supplier-setup' },
    ]);

    await taken.release();
    const letters = await graph.query(
      graphql(`
        query OperationsChangedDeadLetterId {
          deadLetters(first: 50, filter: { system: ERP }) {
            nodes {
              id
              entityId
            }
          }
        }
      `),
      undefined,
      engineer,
    );
    const letter = letters.data!.deadLetters.nodes.find((node) => node.entityId === supplierId)!;
    const replayed = await graph.query(
      graphql(`
        mutation OperationsChangedReplay($id: ID!) {
          replayDeadLetter(id: $id) {
            userErrors {
              code
            }
          }
        }
      `),
      { id: letter.id },
      engineer,
    );
    expect(replayed.data!.replayDeadLetter.userErrors).toEqual([]);
    const [replay] = await changes.take(1, 30_000);
    expect(replay!.data!.operationsChanged).toEqual({
      topic: 'DEAD_LETTERS',
      system: 'ERP',
      recordId: supplierId,
      changes: 1,
      occurredAt: expect.any(String),
    });
    await changes.close();
  });

  it('refuses a topic the role may not hear of, naming the roles that may', async () => {
    const changes = await listen(clerk, { topics: ['EDI_DOCUMENTS', 'SYNC_JOBS'] });
    const [refused] = await changes.take(1);
    expect(refused!.data ?? null).toBeNull();
    expect(refused!.errors).toEqual([
      expect.objectContaining({
        message: 'Hearing of SYNC_JOBS changes needs one of the roles: admin, integration',
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
    await changes.close();
  });

  // Last: the ERP's breaker stays open for the rest of this graph's life.
  it('announces a breaker opening to CIRCUITS subscribers once the graph shows it open', async () => {
    const changes = await listen(engineer, { topics: ['CIRCUITS'] });
    const faults = (body: object) => call(`${graph.app.systems.erpUrl}/admin/faults`, { body });
    expect((await faults({ outage: true })).status).toBe(200);
    try {
      const [opened] = await changes.take(1, 30_000);
      expect(opened!.data!.operationsChanged).toEqual({
        topic: 'CIRCUITS',
        system: 'ERP',
        recordId: null,
        changes: 1,
        occurredAt: expect.any(String),
      });
      const { data } = await graph.query(ERP_STATE, undefined, engineer);
      expect(data!.integrationSystems).toEqual([
        { system: 'ERP', circuit: 'OPEN' },
        { system: 'VENDOR_PLATFORM', circuit: 'CLOSED' },
        { system: 'CONTRACT_REPOSITORY', circuit: 'CLOSED' },
      ]);
    } finally {
      await faults({});
      await changes.close();
    }
  });
});
