import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import { type Role, type UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { supergraphPath } from '@procuregraph/schema';
import { settled, startTestGraph, until, type GraphQLResponse, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';
import { graphql } from '../generated/gql.ts';

/**
 * Who may call what, written out by hand: this table is the specification, not a copy of the
 * @requiresRole directives. Every root field of the checked-in supergraph must have a row, so a
 * new field without a decided rule fails here. Each operation is sent as each role through the
 * gateway with arguments that reach the resolver but change nothing (unknown ids, empty lines,
 * an invalid EIN): an allowed role gets no FORBIDDEN (input errors are fine), a refused one gets
 * FORBIDDEN naming the roles needed, no data, and no change to any table.
 */
const world = createWorld({ scale: 'default' });
const supplierA = [...world.suppliers()].find((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)!;
const pendingSupplier = [...world.suppliers()].find((supplier) => supplier.status === 'PENDING_APPROVAL')!;

const roles: readonly Role[] = ['admin', 'procurement', 'finance', 'compliance', 'integration', 'supplier'];
const everyone = roles;

function callerWith(role: Role): UserCaller {
  return role === 'supplier'
    ? { kind: 'supplier', subject: `portal-user-${supplierA.id}`, role, supplierId: supplierA.id }
    : { kind: 'staff', subject: `${role}@network.example`, role };
}

interface Operation {
  document: string;
  variables?: Record<string, unknown>;
}

interface Rule {
  /** The roles that may call the field, admin first, then in the order the refusal names them. */
  allowed: readonly Role[];
  operation: () => Operation;
}

const unknownId = () => randomUUID();

const queries: Record<string, Rule> = {
  supplier: {
    allowed: everyone,
    operation: () => ({ document: 'query ($id: ID!) { supplier(id: $id) { id } }', variables: { id: supplierA.id } }),
  },
  suppliers: { allowed: everyone, operation: () => ({ document: '{ suppliers(first: 1) { totalCount } }' }) },
  purchaseOrder: {
    allowed: everyone,
    operation: () => ({ document: 'query ($id: ID!) { purchaseOrder(id: $id) { id } }', variables: { id: unknownId() } }),
  },
  purchaseOrders: { allowed: everyone, operation: () => ({ document: '{ purchaseOrders(first: 1) { totalCount } }' }) },
  invoice: {
    allowed: everyone,
    operation: () => ({ document: 'query ($id: ID!) { invoice(id: $id) { id } }', variables: { id: unknownId() } }),
  },
  invoices: { allowed: everyone, operation: () => ({ document: '{ invoices(first: 1) { totalCount } }' }) },
  payment: {
    allowed: everyone,
    operation: () => ({ document: 'query ($id: ID!) { payment(id: $id) { id } }', variables: { id: unknownId() } }),
  },
  matchTolerances: { allowed: ['admin', 'finance'], operation: () => ({ document: '{ matchTolerances { defaults { pricePct } } }' }) },
  contract: {
    allowed: everyone,
    operation: () => ({ document: 'query ($id: ID!) { contract(id: $id) { id } }', variables: { id: unknownId() } }),
  },
  contracts: { allowed: everyone, operation: () => ({ document: '{ contracts(first: 1) { totalCount } }' }) },
  syncJobs: { allowed: ['admin', 'integration'], operation: () => ({ document: '{ syncJobs(first: 1) { totalCount } }' }) },
  deadLetters: { allowed: ['admin', 'integration'], operation: () => ({ document: '{ deadLetters(first: 1) { totalCount } }' }) },
  integrationSystems: { allowed: ['admin', 'integration'], operation: () => ({ document: '{ integrationSystems { system } }' }) },
  reconciliationRun: {
    allowed: ['admin', 'integration', 'compliance'],
    operation: () => ({ document: 'query ($id: ID!) { reconciliationRun(id: $id) { id } }', variables: { id: unknownId() } }),
  },
  reconciliationRuns: {
    allowed: ['admin', 'integration', 'compliance'],
    operation: () => ({ document: '{ reconciliationRuns(first: 1) { totalCount } }' }),
  },
  driftFindings: {
    allowed: ['admin', 'integration', 'compliance'],
    operation: () => ({ document: '{ driftFindings(first: 1) { totalCount } }' }),
  },
  auditEvents: { allowed: ['admin', 'compliance'], operation: () => ({ document: '{ auditEvents(first: 1) { totalCount } }' }) },
  tradingPartners: { allowed: ['admin', 'integration'], operation: () => ({ document: '{ tradingPartners(first: 1) { totalCount } }' }) },
  ediDocuments: {
    allowed: ['admin', 'integration', 'finance'],
    operation: () => ({ document: '{ ediDocuments(first: 1) { totalCount } }' }),
  },
  exclusionListRuns: {
    allowed: ['admin', 'compliance'],
    operation: () => ({ document: '{ exclusionListRuns(first: 1) { totalCount } }' }),
  },
  businessMetrics: {
    allowed: ['admin', 'procurement', 'finance', 'integration', 'supplier'],
    operation: () => ({ document: '{ businessMetrics { firstTimeMatchRate vendorActivationTime { count } } }' }),
  },
};

const mutations: Record<string, Rule> = {
  onboardSupplier: {
    allowed: ['admin', 'procurement', 'integration'],
    operation: () => ({
      document: 'mutation ($input: OnboardSupplierInput!) { onboardSupplier(input: $input) { supplier { id } userErrors { code } } }',
      variables: { input: { legalName: 'Matrix Medical LLC', taxId: '00-1234567' } },
    }),
  },
  approveSupplier: {
    allowed: ['admin', 'procurement'],
    operation: () => ({
      document: 'mutation ($id: ID!) { approveSupplier(id: $id) { userErrors { code } } }',
      variables: { id: unknownId() },
    }),
  },
  rejectSupplier: {
    allowed: ['admin', 'procurement'],
    operation: () => ({
      document: 'mutation ($id: ID!) { rejectSupplier(id: $id, reason: "matrix") { userErrors { code } } }',
      variables: { id: unknownId() },
    }),
  },
  addInsuranceCertificate: {
    allowed: ['admin', 'procurement', 'compliance'],
    operation: () => ({
      document:
        'mutation ($id: ID!, $certificate: InsuranceCertificateInput!) { addInsuranceCertificate(supplierId: $id, certificate: $certificate) { userErrors { code } } }',
      variables: {
        id: unknownId(),
        certificate: {
          type: 'GENERAL_LIABILITY',
          carrier: 'Travelers',
          policyNumber: 'GL-1',
          coverageAmount: '2000000',
          expiresOn: '2099-01-01',
        },
      },
    }),
  },
  reloadExclusionList: {
    allowed: ['admin', 'compliance'],
    operation: () => ({ document: 'mutation { reloadExclusionList { userErrors { code } } }' }),
  },
  resolveScreeningMatch: {
    allowed: ['admin', 'compliance'],
    operation: () => ({
      document: 'mutation ($input: ResolveScreeningMatchInput!) { resolveScreeningMatch(input: $input) { userErrors { code } } }',
      variables: { input: { supplierId: unknownId(), decision: 'CLEARED', reason: 'matrix' } },
    }),
  },
  issuePurchaseOrder: {
    allowed: ['admin', 'procurement'],
    operation: () => ({
      document:
        'mutation ($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code } } }',
      variables: { input: { supplierId: supplierA.id, idempotencyKey: randomUUID(), lines: [] } },
    }),
  },
  recordReceipt: {
    allowed: ['admin', 'procurement'],
    operation: () => ({
      document: 'mutation ($input: RecordReceiptInput!) { recordReceipt(input: $input) { receipt { id } userErrors { code } } }',
      variables: { input: { purchaseOrderId: unknownId(), lines: [] } },
    }),
  },
  submitInvoice: {
    allowed: ['admin', 'finance', 'supplier'],
    operation: () => ({
      document: 'mutation ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id } userErrors { code } } }',
      variables: { input: { supplierId: supplierA.id, invoiceNumber: 'INV-MATRIX', invoiceDate: '2025-03-01', lines: [] } },
    }),
  },
  submitCreditMemo: {
    allowed: ['admin', 'finance', 'supplier'],
    operation: () => ({
      document: 'mutation ($input: SubmitCreditMemoInput!) { submitCreditMemo(input: $input) { creditMemo { id } userErrors { code } } }',
      variables: { input: { invoiceId: unknownId(), creditMemoNumber: 'CM-MATRIX', creditMemoDate: '2025-03-01', amount: '1.00' } },
    }),
  },
  approveInvoice: {
    allowed: ['admin', 'finance'],
    operation: () => ({
      document: 'mutation ($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }',
      variables: { id: unknownId() },
    }),
  },
  resolveMatchException: {
    allowed: ['admin', 'finance'],
    operation: () => ({
      document: 'mutation ($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { userErrors { code } } }',
      variables: { input: { exceptionId: unknownId(), action: 'OVERRIDE', reason: 'matrix' } },
    }),
  },
  setMatchTolerance: {
    allowed: ['admin', 'finance'],
    operation: () => ({
      document: 'mutation ($input: SetMatchToleranceInput!) { setMatchTolerance(input: $input) { userErrors { code } } }',
      variables: { input: { pricePct: '2', quantityPct: '0' } },
    }),
  },
  setTradingPartner: {
    allowed: ['admin', 'integration'],
    operation: () => ({
      document: 'mutation ($input: TradingPartnerInput!) { setTradingPartner(input: $input) { userErrors { code } } }',
      variables: {
        input: {
          supplierId: 'not-an-id',
          interchangeQualifier: 'ZZ',
          interchangeId: 'X',
          groupId: 'XX',
          version: '004010',
          inbound: [],
          outbound: [],
        },
      },
    }),
  },
  replayDeadLetter: {
    allowed: ['admin', 'integration'],
    operation: () => ({
      document: 'mutation ($id: ID!) { replayDeadLetter(id: $id) { userErrors { code } } }',
      variables: { id: unknownId() },
    }),
  },
  startReconciliation: {
    allowed: ['admin', 'integration'],
    operation: () => ({ document: 'mutation { startReconciliation(system: CONTRACT_REPOSITORY) { userErrors { code } } }' }),
  },
  resolveDriftFinding: {
    allowed: ['admin', 'integration', 'compliance'],
    operation: () => ({
      document: 'mutation ($id: ID!) { resolveDriftFinding(id: $id, note: "checked") { userErrors { code } } }',
      variables: { id: unknownId() },
    }),
  },
};

const subscriptions: Record<string, Rule> = {
  supplierStatusChanged: { allowed: everyone, operation: () => ({ document: 'subscription { supplierStatusChanged { status } }' }) },
  paymentStatusChanged: { allowed: everyone, operation: () => ({ document: 'subscription { paymentStatusChanged { status } }' }) },
  driftDetected: {
    allowed: ['admin', 'integration', 'compliance'],
    operation: () => ({ document: 'subscription { driftDetected { id } }' }),
  },
  operationsChanged: {
    allowed: ['admin', 'procurement', 'finance', 'compliance', 'integration'],
    operation: () => ({ document: 'subscription { operationsChanged { topic } }' }),
  },
};

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

function rootFieldsOfSupergraph(typeName: string): string[] {
  const document = parse(readFileSync(supergraphPath, 'utf8'));
  const type = document.definitions.find(
    (definition): definition is ObjectTypeDefinitionNode =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === typeName,
  );
  return (type?.fields ?? []).map((field) => field.name.value).sort();
}

function refusal(typeName: string, field: string, allowed: readonly Role[]): string {
  return `${typeName}.${field} needs one of the roles: ${allowed.join(', ')}`;
}

/** The codes of the errors an answer carries at the given root field ([] when none). */
function errorCodesAt(answer: GraphQLResponse<unknown>, field: string): unknown[] {
  return (answer.errors ?? []).filter((error) => error.path?.[0] === field).map((error) => error.extensions?.code);
}

/** Row counts a refused mutation would have changed. */
async function tableSnapshot(): Promise<Record<string, number>> {
  const [row] = await executeSql<Record<string, number>>(
    graph.app.client,
    `select (select count(*)::int from suppliers.suppliers) as suppliers,
            (select count(*)::int from suppliers.suppliers where status = 'PENDING_APPROVAL') as pending_suppliers,
            (select count(*)::int from suppliers.insurance_certificates) as certificates,
            (select count(*)::int from suppliers.compliance_decisions) as compliance_decisions,
            (select count(*)::int from procurement.purchase_orders) as purchase_orders,
            (select count(*)::int from procurement.receipts) as receipts,
            (select count(*)::int from invoicing.invoices) as invoices,
            (select count(*)::int from invoicing.invoices where status = 'APPROVED') as approved_invoices,
            (select count(*)::int from invoicing.match_exceptions where resolution is null) as open_exceptions,
            (select count(*)::int from invoicing.match_tolerances) as match_tolerances`,
  );
  return row!;
}

describe('the table covers the graph', () => {
  it('has exactly one rule for every root Query, Mutation and Subscription field of the supergraph', () => {
    expect(Object.keys(queries).sort()).toEqual(rootFieldsOfSupergraph('Query'));
    expect(Object.keys(mutations).sort()).toEqual(rootFieldsOfSupergraph('Mutation'));
    expect(Object.keys(subscriptions).sort()).toEqual(rootFieldsOfSupergraph('Subscription'));
  });
});

describe.each(Object.entries(queries))('Query.%s', (field, rule) => {
  it.each(roles)('as %s', async (role) => {
    const { document, variables } = rule.operation();
    const answer = await graph.query<Record<string, unknown>>(document, variables, callerWith(role));
    if (rule.allowed.includes(role)) {
      expect(errorCodesAt(answer, field)).not.toContain('FORBIDDEN');
      expect(answer.data?.[field]).not.toBeUndefined();
      return;
    }
    // A refused nullable field is null in data; a refused non-null one nulls data altogether.
    expect(answer.data?.[field] ?? null).toBeNull();
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: refusal('Query', field, rule.allowed),
        path: [field],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });
});

describe.each(Object.entries(mutations))('Mutation.%s', (field, rule) => {
  it('refuses every role without the rule, changing nothing, and lets the others through', async () => {
    await settled(graph.app, []);
    const before = await tableSnapshot();
    for (const role of roles.filter((candidate) => !rule.allowed.includes(candidate))) {
      const { document, variables } = rule.operation();
      const answer = await graph.query<Record<string, unknown>>(document, variables, callerWith(role));
      expect({ role, data: answer.data ?? null, errors: answer.errors }).toEqual({
        role,
        data: null,
        errors: [
          expect.objectContaining({
            message: refusal('Mutation', field, rule.allowed),
            path: [field],
            extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
          }),
        ],
      });
    }
    expect(await tableSnapshot()).toEqual(before);
    for (const role of rule.allowed) {
      const { document, variables } = rule.operation();
      const answer = await graph.query<Record<string, unknown>>(document, variables, callerWith(role));
      expect(errorCodesAt(answer, field), `as ${role}`).not.toContain('FORBIDDEN');
    }
  });
});

/** The codes of the errors a subscription answers with before it listens ([] once it listens). */
async function subscriptionErrorCodes(document: string, caller: UserCaller): Promise<unknown[]> {
  const listening = graph.app.events.subscriberCount;
  const subscriber = subscribe(graph.graphqlUrl, { authorization: `Bearer ${await graph.tokenFor(caller)}` }, document);
  try {
    await until(
      () => graph.app.events.subscriberCount > listening || subscriber.pending.length > 0,
      10_000,
      'subscription listening or refused',
    );
    return subscriber.pending
      .flatMap((result) => result.errors ?? [])
      .map((error) => (error as { extensions?: { code?: string } }).extensions?.code);
  } finally {
    await subscriber.close();
    await until(() => graph.app.events.subscriberCount === listening, 10_000, 'bus listener gone');
  }
}

describe.each(Object.entries(subscriptions))('Subscription.%s', (_field, rule) => {
  it.each(roles)('as %s', async (role) => {
    const codes = await subscriptionErrorCodes(rule.operation().document, callerWith(role));
    expect(codes).toEqual(rule.allowed.includes(role) ? [] : ['FORBIDDEN']);
  });
});

describe('sensitive Supplier fields', () => {
  /** Supplier A's legal name and one guarded field. */
  interface GuardedSupplier {
    legalName: string;
    bankAccount?: { accountNumberMasked: string } | null;
    taxIdMasked?: string | null;
    screening?: { status: string; match: string | null } | null;
  }
  interface FieldRule {
    allowed: readonly Role[];
    /** How the refusal names the field. */
    coordinate: string;
    document: TypedDocumentNode<{ supplier: GuardedSupplier | null }, { id: string }>;
    path: string[];
    read(supplier: GuardedSupplier): unknown;
    /** What an allowed role reads for supplier A (screening.match is null for it either way). */
    visible: unknown;
  }
  const fields: Record<string, FieldRule> = {
    bankAccount: {
      allowed: ['admin', 'finance', 'supplier'],
      coordinate: 'Supplier.bankAccount',
      document: graphql(`
        query GuardedBankAccount($id: ID!) {
          supplier(id: $id) {
            legalName
            bankAccount {
              accountNumberMasked
            }
          }
        }
      `),
      path: ['supplier', 'bankAccount'],
      read: (supplier) => supplier.bankAccount,
      visible: { accountNumberMasked: `******${supplierA.bankAccount.accountNumber.slice(-4)}` },
    },
    taxIdMasked: {
      allowed: ['admin', 'procurement', 'finance', 'compliance', 'supplier'],
      coordinate: 'Supplier.taxIdMasked',
      document: graphql(`
        query GuardedTaxId($id: ID!) {
          supplier(id: $id) {
            legalName
            taxIdMasked
          }
        }
      `),
      path: ['supplier', 'taxIdMasked'],
      read: (supplier) => supplier.taxIdMasked,
      visible: `**-***${supplierA.taxId.slice(-4)}`,
    },
    'screening.match': {
      allowed: ['admin', 'procurement', 'compliance'],
      coordinate: 'Screening.match',
      document: graphql(`
        query GuardedScreeningMatch($id: ID!) {
          supplier(id: $id) {
            legalName
            screening {
              status
              match
            }
          }
        }
      `),
      path: ['supplier', 'screening', 'match'],
      read: (supplier) => supplier.screening?.match,
      visible: null,
    },
  };

  describe.each(Object.entries(fields))('%s', (_name, field) => {
    it.each(roles)('as %s', async (role) => {
      const answer = await graph.query(field.document, { id: supplierA.id }, callerWith(role));
      // The rest of the supplier is answered either way: only the guarded field is withheld.
      const supplier = answer.data!.supplier!;
      expect(supplier.legalName).toBe(supplierA.legalName);
      if (field.allowed.includes(role)) {
        expect(answer.errors).toBeUndefined();
        expect(field.read(supplier)).toEqual(field.visible);
        return;
      }
      expect(field.read(supplier)).toBeNull();
      expect(answer.errors).toEqual([
        expect.objectContaining({
          message: `${field.coordinate} needs one of the roles: ${field.allowed.join(', ')}`,
          path: field.path,
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      ]);
    });
  });
});

describe('a guarded field reached through another subgraph', () => {
  const invoiceOfA = [...world.invoices()].find((invoice) => invoice.supplierId === supplierA.id)!;

  it.each(roles)('Invoice.supplier.bankAccount (an entity fetch from suppliers) as %s', async (role) => {
    const answer = await graph.query(
      graphql(`
        query InvoiceSupplierBankAccount($id: ID!) {
          invoice(id: $id) {
            invoiceNumber
            supplier {
              id
              bankAccount {
                accountNumberMasked
              }
            }
          }
        }
      `),
      { id: invoiceOfA.id },
      callerWith(role),
    );
    expect(answer.data!.invoice!.invoiceNumber).toBe(invoiceOfA.invoiceNumber);
    if (['admin', 'finance', 'supplier'].includes(role)) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.invoice!.supplier).toEqual({
        id: supplierA.id,
        bankAccount: { accountNumberMasked: `******${supplierA.bankAccount.accountNumber.slice(-4)}` },
      });
      return;
    }
    expect(answer.data!.invoice!.supplier).toEqual({ id: supplierA.id, bankAccount: null });
    expect(answer.errors).toEqual([
      expect.objectContaining({
        message: 'Supplier.bankAccount needs one of the roles: admin, finance, supplier',
        path: ['invoice', 'supplier', 'bankAccount'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });
});

describe('a refused mutation on a real record', () => {
  it('leaves a pending supplier pending when finance tries to approve it', async () => {
    const answer = await graph.query(
      graphql(`
        mutation ApproveAsFinance($id: ID!) {
          approveSupplier(id: $id) {
            supplier {
              status
            }
          }
        }
      `),
      { id: pendingSupplier.id },
      callerWith('finance'),
    );
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const { data } = await graph.query(
      graphql(`
        query PendingSupplierStatus($id: ID!) {
          supplier(id: $id) {
            status
          }
        }
      `),
      { id: pendingSupplier.id },
    );
    expect(data!.supplier!.status).toBe('PENDING_APPROVAL');
  });
});
