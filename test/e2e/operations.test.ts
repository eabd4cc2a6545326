import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { graphql } from '../generated/gql.ts';
import type { BankAccountInput, SupplierSyncJobsQuery } from '../generated/graphql.ts';
import { eventually, settled, startTestGraph, type GraphQLResponse, type TestGraph } from '../harness.ts';
import { onboardAndApproveSupplier } from '../supplier-onboarding.ts';

/**
 * The operator's view through the gateway: a payload the ERP rejects for good lands among the
 * dead letters, is visible in the graph with its error, and replays once its cause is fixed.
 */

let graph: TestGraph;
const engineer: UserCaller = { kind: 'staff', subject: 'integration-ops', role: 'integration' };

const SHARED_ACCOUNT: BankAccountInput = { routingNumber: '011000015', accountNumber: '000555000111', accountType: 'CHECKING' };
const ERP_RESOURCES = '/fscmRestApi/resources/11.13.18.05';

const DEAD_LETTERS = graphql(`
  query DeadLetters($system: BackingSystem) {
    deadLetters(first: 20, filter: { system: $system }) {
      totalCount
      nodes {
        id
        service
        queue
        system
        entityId
        topic
        attempts
        lastError
        deadLetteredAt
      }
    }
  }
`);

const SYSTEMS = graphql(`
  query IntegrationSystems {
    integrationSystems {
      system
      circuit
      reportingProcesses
      backlog {
        queued
        retrying
        active
        deadLettered
      }
    }
  }
`);

const REPLAY = graphql(`
  mutation ReplayDeadLetter($id: ID!) {
    replayDeadLetter(id: $id) {
      job {
        id
        service
        queue
        system
        entityId
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

async function supplierSync(id: string) {
  const { data } = await graph.query(
    graphql(`
      query SupplierSync($id: ID!) {
        supplier(id: $id) {
          status
          syncStatus {
            system
            state
            lastError
          }
        }
      }
    `),
    { id },
  );
  return data!.supplier!;
}

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

describe('operator queries and replay', () => {
  it('shows a rejected ERP setup as a dead letter with its error, and replays it once the cause is fixed', async () => {
    // The ERP already holds this bank account for a supplier Procuregraph does not know, so it
    // refuses it for the new supplier: a rejection no retry can cure.
    const erp = graph.app.systems.erpUrl;
    const erpSuppliers = (await (await fetch(`${erp}${ERP_RESOURCES}/suppliers?limit=1`)).json()) as {
      items: { SupplierPartyId: number }[];
    };
    const created = await fetch(`${erp}${ERP_RESOURCES}/externalBankAccounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        BankAccountNumber: SHARED_ACCOUNT.accountNumber,
        BankBranchNumber: SHARED_ACCOUNT.routingNumber,
        AccountType: 'CHECKING',
        accountOwners: [{ AccountOwnerPartyIdentifier: erpSuppliers.items[0]!.SupplierPartyId }],
      }),
    });
    expect(created.status).toBe(201);
    const erpAccount = (await created.json()) as { BankAccountId: number };

    const second = await onboardAndApproveSupplier(graph, {
      legalName: 'Quayside Medical Products Inc',
      taxId: '52-4410877',
      bankAccount: SHARED_ACCOUNT,
    });
    const deadLetter = await eventually(
      async () => {
        const { data } = await graph.query(DEAD_LETTERS, { system: 'ERP' }, engineer);
        return data!.deadLetters.nodes.find((node) => node.entityId === second);
      },
      30_000,
      200,
      'dead letter listed',
    );
    expect(deadLetter).toMatchObject({ service: 'suppliers', queue: 'erp-supplier-setup', system: 'ERP', attempts: 1 });
    expect(deadLetter.lastError).toContain('An external bank account with this routing and account number already exists.');

    const stuck = await supplierSync(second);
    expect(stuck.status).toBe('APPROVED');
    expect(stuck.syncStatus.find((status) => status.system === 'ERP')).toMatchObject({ state: 'DEAD_LETTERED' });

    const failedJobs = await graph.query(
      graphql(`
        query FailedErpJobs {
          syncJobs(first: 50, filter: { system: ERP, state: FAILED }) {
            totalCount
            nodes {
              entityId
              queue
              state
              lastError
            }
          }
        }
      `),
      undefined,
      engineer,
    );
    expect(failedJobs.data!.syncJobs.nodes).toEqual([
      { entityId: second, queue: 'erp-supplier-setup', state: 'FAILED', lastError: deadLetter.lastError },
    ]);

    const systems = await graph.query(SYSTEMS, undefined, engineer);
    // A rejected payload says nothing about the ERP's health: its circuit stays closed.
    expect(systems.data!.integrationSystems.find((system) => system.system === 'ERP')).toEqual({
      system: 'ERP',
      circuit: 'CLOSED',
      reportingProcesses: 1,
      backlog: { queued: 0, retrying: 0, active: 0, deadLettered: 1 },
    });

    // The fix: the account was entered on the wrong ERP supplier, and is corrected there.
    const corrected = await fetch(`${erp}${ERP_RESOURCES}/externalBankAccounts/${erpAccount.BankAccountId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ BankAccountNumber: '000555000999', BankBranchNumber: SHARED_ACCOUNT.routingNumber, AccountType: 'CHECKING' }),
    });
    expect(corrected.status).toBe(200);

    const replayed = await graph.query(REPLAY, { id: deadLetter.id }, engineer);
    expect(replayed.data!.replayDeadLetter.userErrors).toEqual([]);
    expect(replayed.data!.replayDeadLetter.job).toMatchObject({
      id: deadLetter.id,
      service: 'suppliers',
      queue: 'erp-supplier-setup',
      system: 'ERP',
      entityId: second,
    });

    await eventually(
      async () => ((await supplierSync(second)).status === 'ACTIVE' ? true : undefined),
      30_000,
      200,
      'second supplier ACTIVE',
    );
    expect((await supplierSync(second)).syncStatus.find((status) => status.system === 'ERP')).toMatchObject({
      state: 'SYNCED',
      lastError: null,
    });
    const after = await graph.query(DEAD_LETTERS, { system: 'ERP' }, engineer);
    expect(after.data!.deadLetters.totalCount).toBe(0);

    // The ERP holds each supplier once: the replay reused the original idempotency keys.
    await settled(graph.app, ['suppliers']);
    const suppliersInErp = (await (await fetch(`${graph.app.systems.erpUrl}${ERP_RESOURCES}/suppliers?limit=500`)).json()) as {
      items: { Supplier: string }[];
    };
    expect(suppliersInErp.items.filter((supplier) => supplier.Supplier.startsWith('Quayside Medical Products'))).toHaveLength(1);

    const again = await graph.query(REPLAY, { id: deadLetter.id }, engineer);
    expect(again.data!.replayDeadLetter).toEqual({
      job: null,
      userErrors: [
        {
          field: ['id'],
          code: 'NOT_FOUND',
          message: 'No dead letter with this id is waiting for a replay: it does not exist or was replayed already.',
        },
      ],
    });
  });

  it('answers a malformed dead-letter id with a user error', async () => {
    const { data } = await graph.query(REPLAY, { id: 'not-an-id' }, engineer);
    expect(data!.replayDeadLetter).toEqual({
      job: null,
      userErrors: [{ field: ['id'], code: 'INVALID_ID', message: '"not-an-id" is not a dead letter id.' }],
    });
  });

  it('reports every backing system with the workers of this process', async () => {
    const { data } = await graph.query(SYSTEMS, undefined, engineer);
    expect(data!.integrationSystems.map((system) => [system.system, system.circuit, system.reportingProcesses])).toEqual([
      ['ERP', 'CLOSED', 1],
      ['VENDOR_PLATFORM', 'CLOSED', 1],
      ['CONTRACT_REPOSITORY', 'CLOSED', 1],
    ]);
  });

  it('pages through sync jobs with cursors and filters them by service', async () => {
    const seen: { id: string; service: string }[] = [];
    let after: string | null = null;
    let totalCount: number;
    do {
      const { data }: GraphQLResponse<SupplierSyncJobsQuery> = await graph.query(
        graphql(`
          query SupplierSyncJobs($after: String) {
            syncJobs(first: 2, after: $after, filter: { service: "suppliers" }) {
              totalCount
              pageInfo {
                hasNextPage
                endCursor
              }
              nodes {
                id
                service
              }
            }
          }
        `),
        { after },
        engineer,
      );
      seen.push(...data!.syncJobs.nodes);
      totalCount = data!.syncJobs.totalCount;
      after = data!.syncJobs.pageInfo.hasNextPage ? data!.syncJobs.pageInfo.endCursor : null;
    } while (after);
    expect(totalCount).toBeGreaterThan(2);
    expect(seen).toHaveLength(totalCount);
    expect(new Set(seen.map((job) => job.id)).size).toBe(totalCount);
    expect(seen.every((job) => job.service === 'suppliers')).toBe(true);
  });
});
