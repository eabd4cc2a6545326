import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { print } from 'graphql';
import { graphql } from '../generated/gql.ts';
import type { AuditEventFilter, OnboardSupplierInput } from '../generated/graphql.ts';
import { listening, readCounter, settled, startTestGraph, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';

/**
 * The audit log through the gateway: mutations and reads of bank details and tax ids land in
 * platform.audit_events with who, role, record, client address and outcome, never the input's
 * secrets; compliance reads them back with filters and paging; nobody else can.
 */
const buyer: UserCaller = { kind: 'staff', subject: 'audit-buyer@network.example', role: 'procurement' };
const finance: UserCaller = { kind: 'staff', subject: 'audit-ap@network.example', role: 'finance' };
const compliance: UserCaller = { kind: 'staff', subject: 'audit-officer@network.example', role: 'compliance' };

const TAX_ID = '47-3318826';
const ACCOUNT_NUMBER = '000555012345';

let graph: TestGraph;
let supplierId: string;

const ONBOARD = graphql(`
  mutation OnboardForAudit($input: OnboardSupplierInput!) {
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
  mutation ApproveForAudit($id: ID!) {
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
const AUDIT_EVENTS = graphql(`
  query AuditTrail($first: Int, $after: String, $filter: AuditEventFilter) {
    auditEvents(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        actor
        role
        supplierId
        service
        kind
        operation
        recordType
        recordId
        clientAddress
        outcome
        detail {
          operationName
          codes
        }
      }
    }
  }
`);

function onboardingInput(routingNumber: string, idempotencyKey: string): OnboardSupplierInput {
  return {
    legalName: 'Harborview Surgical Supply LLC',
    taxId: TAX_ID,
    category: 'MEDICAL_SURGICAL',
    address: { line1: '12 Harbor St', city: 'Boston', region: 'MA', postalCode: '02110', country: 'US' },
    contact: { name: 'Lee Park', email: 'lee.park@harborview.example', phone: '(617) 555-0110' },
    bankAccount: { routingNumber, accountNumber: ACCOUNT_NUMBER, accountType: 'CHECKING' },
    insuranceCertificates: [
      { type: 'GENERAL_LIABILITY', carrier: 'Travelers', policyNumber: 'GL-5512001', coverageAmount: '2000000', expiresOn: '2028-06-30' },
      {
        type: 'WORKERS_COMPENSATION',
        carrier: 'Travelers',
        policyNumber: 'WC-5512002',
        coverageAmount: '1000000',
        expiresOn: '2028-06-30',
      },
    ],
    idempotencyKey,
  };
}

async function auditEvents(filter: AuditEventFilter, paging: { first?: number; after?: string | null } = {}) {
  const answer = await graph.query(AUDIT_EVENTS, { filter, ...paging }, compliance);
  expect(answer.errors).toBeUndefined();
  return answer.data!.auditEvents;
}

/** What every row recorded for a caller through the test client shares. */
function recorded(caller: UserCaller, row: Record<string, unknown>) {
  return { actor: caller.subject, role: caller.role, supplierId: null, service: 'suppliers', clientAddress: '127.0.0.1', ...row };
}

beforeAll(async () => {
  graph = await startTestGraph();
  const onboarded = await graph.query(ONBOARD, { input: onboardingInput('011000015', 'audit-onboard-1') }, buyer);
  expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
  supplierId = onboarded.data!.onboardSupplier.supplier!.id;
});

afterAll(async () => {
  await graph?.close();
});

describe('mutations', () => {
  it('records an approval with who, role, record, client address and outcome', async () => {
    const approved = await graph.query(APPROVE, { id: supplierId }, buyer);
    expect(approved.data!.approveSupplier).toEqual({ supplier: { status: 'APPROVED' }, userErrors: [] });

    const events = await auditEvents({ actor: buyer.subject, operation: 'approveSupplier' });
    expect(events.nodes).toEqual([
      recorded(buyer, {
        kind: 'MUTATION',
        operation: 'approveSupplier',
        recordType: 'Supplier',
        recordId: supplierId,
        outcome: 'SUCCEEDED',
        detail: { operationName: 'ApproveForAudit', codes: [] },
      }),
    ]);
  });

  it('records the socket address, not an X-Forwarded-For no trusted proxy set', async () => {
    const spoofer: UserCaller = { kind: 'staff', subject: 'audit-spoofer@network.example', role: 'procurement' };
    const response = await fetch(graph.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await graph.tokenFor(spoofer)}`,
        'x-forwarded-for': '203.0.113.9',
      },
      body: JSON.stringify({ query: print(APPROVE), variables: { id: supplierId } }),
    });
    expect(response.status).toBe(200);
    const events = await auditEvents({ actor: spoofer.subject });
    expect(events.nodes.map((event) => event.clientAddress)).toEqual(['127.0.0.1']);
  });

  it('records the onboarding against the supplier it created', async () => {
    const events = await auditEvents({ actor: buyer.subject, operation: 'onboardSupplier' });
    expect(events.nodes).toEqual([
      recorded(buyer, {
        kind: 'MUTATION',
        operation: 'onboardSupplier',
        recordType: 'Supplier',
        recordId: supplierId,
        outcome: 'SUCCEEDED',
        detail: { operationName: 'OnboardForAudit', codes: [] },
      }),
    ]);
  });

  it('records a refused attempt as FORBIDDEN, with the supplier the caller acts for', async () => {
    const intruder: UserCaller = { kind: 'supplier', subject: 'audit-supplier@vendor.example', role: 'supplier', supplierId };
    const refused = await graph.query(APPROVE, { id: supplierId }, intruder);
    expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);

    const events = await auditEvents({ actor: intruder.subject });
    expect(events.nodes).toEqual([
      recorded(intruder, {
        supplierId,
        kind: 'MUTATION',
        operation: 'approveSupplier',
        recordType: 'Supplier',
        recordId: supplierId,
        outcome: 'FORBIDDEN',
        detail: { operationName: 'ApproveForAudit', codes: ['FORBIDDEN'] },
      }),
    ]);
  });

  it('records a user error with its code', async () => {
    const missing = randomUUID();
    const answer = await graph.query(APPROVE, { id: missing }, buyer);
    expect(answer.data!.approveSupplier.userErrors).toEqual([{ code: 'NOT_FOUND' }]);

    const events = await auditEvents({ recordId: missing });
    expect(events.nodes).toEqual([
      recorded(buyer, {
        kind: 'MUTATION',
        operation: 'approveSupplier',
        recordType: 'Supplier',
        recordId: missing,
        outcome: 'USER_ERROR',
        detail: { operationName: 'ApproveForAudit', codes: ['NOT_FOUND'] },
      }),
    ]);
  });

  it('never records the tax id or the bank account number of an input', async () => {
    const rejected = await graph.query(ONBOARD, { input: onboardingInput('011000016', 'audit-onboard-2') }, buyer);
    expect(rejected.data!.onboardSupplier.userErrors).toEqual([{ code: 'INVALID_ROUTING_NUMBER' }]);
    const failed = await auditEvents({ actor: buyer.subject, outcome: 'USER_ERROR', operation: 'onboardSupplier' });
    expect(failed.nodes).toEqual([
      recorded(buyer, {
        kind: 'MUTATION',
        operation: 'onboardSupplier',
        recordType: 'Supplier',
        recordId: null,
        outcome: 'USER_ERROR',
        detail: { operationName: 'OnboardForAudit', codes: ['INVALID_ROUTING_NUMBER'] },
      }),
    ]);

    const stored = JSON.stringify(await executeSql(graph.app.client, 'select * from platform.audit_events'));
    for (const secret of [TAX_ID, TAX_ID.replace('-', ''), ACCOUNT_NUMBER, '011000016']) expect(stored).not.toContain(secret);
  });
});

describe('sensitive reads', () => {
  it('records one row per field and supplier when finance reads bank details and the tax id', async () => {
    const reader: UserCaller = { kind: 'staff', subject: 'audit-reader@network.example', role: 'finance' };
    const answer = await graph.query(
      graphql(`
        query BankDetails($id: ID!) {
          first: supplier(id: $id) {
            bankAccount {
              accountNumberMasked
            }
            taxIdMasked
          }
          again: supplier(id: $id) {
            bankAccount {
              accountType
            }
          }
        }
      `),
      { id: supplierId },
      reader,
    );
    expect(answer.data!.first).toEqual({ bankAccount: { accountNumberMasked: '******2345' }, taxIdMasked: '**-***8826' });

    const events = await auditEvents({ actor: reader.subject });
    const read = (operation: string) =>
      recorded(reader, {
        kind: 'SENSITIVE_READ',
        operation,
        recordType: 'Supplier',
        recordId: supplierId,
        outcome: 'SUCCEEDED',
        detail: { operationName: 'BankDetails', codes: [] },
      });
    expect(events.nodes).toEqual(expect.arrayContaining([read('Supplier.bankAccount'), read('Supplier.taxIdMasked')]));
    expect(events.totalCount).toBe(2);
  });

  it('records nothing for a list without sensitive fields', async () => {
    const answer = await graph.query(
      graphql(`
        query SuppliersWithoutSecrets {
          suppliers(first: 5) {
            nodes {
              id
              legalName
              status
            }
          }
        }
      `),
      {},
      finance,
    );
    expect(answer.data!.suppliers.nodes).toHaveLength(5);
    expect((await auditEvents({ actor: finance.subject })).totalCount).toBe(0);
  });

  it('refuses a sensitive read whose audit row cannot be written, and lets mutations through', async () => {
    const reader: UserCaller = { kind: 'staff', subject: 'audit-unrecorded@network.example', role: 'finance' };
    const failuresBefore = await readCounter(graph.baseUrl, 'audit_write_failures_total', { service: 'suppliers' });
    // A constraint no new row meets: the database refuses every audit INSERT until it is dropped.
    await executeSql(graph.app.client, 'alter table platform.audit_events add constraint audit_refused check (false) not valid');
    try {
      const read = await graph.query(
        graphql(`
          query UnrecordedBankDetails($id: ID!) {
            supplier(id: $id) {
              legalName
              bankAccount {
                accountNumberMasked
              }
            }
          }
        `),
        { id: supplierId },
        reader,
      );
      expect(read.data?.supplier ?? null).toBeNull();
      expect(read.errors?.map((error) => error.extensions?.code)).toEqual(['AUDIT_UNAVAILABLE']);
      expect(JSON.stringify(read)).not.toContain('2345');

      const approved = await graph.query(APPROVE, { id: supplierId }, buyer);
      expect(approved.data!.approveSupplier.userErrors).toEqual([]);
    } finally {
      await executeSql(graph.app.client, 'alter table platform.audit_events drop constraint audit_refused');
    }
    expect(await readCounter(graph.baseUrl, 'audit_write_failures_total', { service: 'suppliers' })).toBe(failuresBefore + 2);
    expect((await auditEvents({ actor: reader.subject })).totalCount).toBe(0);
  });
});

describe('sensitive reads over a subscription', () => {
  it('records the bank details an event carries, without a client address', async () => {
    const onboarder: UserCaller = { kind: 'staff', subject: 'audit-onboarder@network.example', role: 'procurement' };
    const watcher: UserCaller = { kind: 'staff', subject: 'audit-watcher@network.example', role: 'finance' };
    const input: OnboardSupplierInput = {
      ...onboardingInput('011000015', 'audit-onboard-3'),
      legalName: 'Bayside Infusion Partners LLC',
      taxId: '47-3318827',
      bankAccount: { routingNumber: '011000015', accountNumber: '000555067890', accountType: 'CHECKING' },
    };
    const onboarded = await graph.query(ONBOARD, { input }, onboarder);
    expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
    const newcomer = onboarded.data!.onboardSupplier.supplier!.id;
    await settled(graph.app, []);

    const listeners = graph.app.events.subscriberCount;
    const changes = subscribe(
      graph.graphqlUrl,
      { authorization: `Bearer ${await graph.tokenFor(watcher)}` },
      graphql(`
        subscription WatchSupplier($id: ID) {
          supplierStatusChanged(supplierId: $id) {
            status
            supplier {
              bankAccount {
                accountNumberMasked
              }
            }
          }
        }
      `),
      { id: newcomer },
    );
    try {
      await listening(graph.app, listeners);
      expect((await graph.query(APPROVE, { id: newcomer }, onboarder)).data!.approveSupplier.userErrors).toEqual([]);
      const [change] = await changes.take(1, 30_000);
      expect(change!.data!.supplierStatusChanged).toEqual({
        status: 'APPROVED',
        supplier: { bankAccount: { accountNumberMasked: '******7890' } },
      });
    } finally {
      await changes.close();
    }
    const events = await auditEvents({ actor: watcher.subject });
    expect(events.nodes).toEqual([
      recorded(watcher, {
        clientAddress: null,
        kind: 'SENSITIVE_READ',
        operation: 'Supplier.bankAccount',
        recordType: 'Supplier',
        recordId: newcomer,
        outcome: 'SUCCEEDED',
        detail: { operationName: 'WatchSupplier', codes: [] },
      }),
    ]);
  });
});

describe('the auditEvents query', () => {
  it('pages newest first and filters by kind, role and time', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const filter: AuditEventFilter = { actor: buyer.subject, kind: 'MUTATION', role: 'procurement', occurredAfter: since };
    const all = await auditEvents(filter, { first: 50 });
    // The approval made while the audit log refused writes is missing: that is what the metric reports.
    expect(all.nodes.map((event: { operation: string; outcome: string }) => `${event.operation}:${event.outcome}`)).toEqual([
      'onboardSupplier:USER_ERROR',
      'approveSupplier:USER_ERROR',
      'approveSupplier:SUCCEEDED',
      'onboardSupplier:SUCCEEDED',
    ]);

    const first = await auditEvents(filter, { first: 2 });
    expect(first.nodes).toEqual(all.nodes.slice(0, 2));
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(4);
    const rest = await auditEvents(filter, { first: 10, after: first.pageInfo.endCursor });
    expect(rest.nodes).toEqual(all.nodes.slice(2));
    expect(rest.pageInfo.hasNextPage).toBe(false);

    expect((await auditEvents({ ...filter, occurredBefore: since })).totalCount).toBe(0);
  });

  it('refuses an inverted time range with a user input error', async () => {
    const answer = await graph.query(
      AUDIT_EVENTS,
      { filter: { occurredAfter: '2026-02-01T00:00:00Z', occurredBefore: '2026-01-01T00:00:00Z' } },
      compliance,
    );
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['finance', finance],
    ['a supplier', { kind: 'supplier', subject: 'audit-curious@vendor.example', role: 'supplier', supplierId: randomUUID() } as UserCaller],
  ])('is FORBIDDEN for %s', async (_who, caller) => {
    const answer = await graph.query(AUDIT_EVENTS, { filter: {} }, caller);
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('is open to admin', async () => {
    const answer = await graph.query(AUDIT_EVENTS, { filter: { recordId: supplierId, kind: 'SENSITIVE_READ' } });
    expect(answer.data!.auditEvents.totalCount).toBe(2);
  });
});
