import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { decimal, formatDecimal } from '@procuregraph/platform/money';
import { graphql } from '../generated/gql.ts';
import type { BackingSystem, ReconciliationFindingsQuery, ReconciliationRunStateQuery } from '../generated/graphql.ts';
import { eventually, startTestGraph, until, type TestGraph } from '../harness.ts';
import { subscribe } from '../subscriber.ts';

/**
 * Reconciliation through the gateway against the real reference systems: drift made with each
 * system's /admin/drift (no event, no webhook) is found by the next run, once, and repaired or
 * alerted by policy; a run after the repair finds nothing new.
 */

let graph: TestGraph;
const engineer: UserCaller = { kind: 'staff', subject: 'integration-recon', role: 'integration' };
const officer: UserCaller = { kind: 'staff', subject: 'compliance-recon', role: 'compliance' };
const demoSuppliers = [...createWorld({ scale: 'default' }).suppliers()];
const ERP_RESOURCES = '/fscmRestApi/resources/11.13.18.05';

const START = graphql(`
  mutation StartReconciliation($system: BackingSystem!) {
    startReconciliation(system: $system) {
      run {
        id
        system
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

const RUN = graphql(`
  query ReconciliationRunState($id: ID!) {
    reconciliationRun(id: $id) {
      id
      system
      state
      startedAt
      finishedAt
      recordsCompared
      canonicalRecordsChecked
      parts {
        service
        phase
        recordsCompared
        canonicalRecordsChecked
      }
      findingsCount
      repairedCount
    }
  }
`);

const FINDINGS = graphql(`
  query ReconciliationFindings($runId: ID) {
    driftFindings(first: 100, filter: { runId: $runId }) {
      totalCount
      nodes {
        id
        system
        recordType
        recordId
        externalId
        kind
        field
        canonicalValue
        systemValue
        systemOfRecord
        state
        run {
          id
        }
      }
    }
  }
`);

type Finding = ReconciliationFindingsQuery['driftFindings']['nodes'][number];

const SUPPLIER_HOLDS = graphql(`
  query ReconciledSupplierHolds($id: ID!) {
    supplier(id: $id) {
      id
      legalName
      status
      holds {
        reason
      }
    }
  }
`);

const SUPPLIER_JOURNEY = graphql(`
  query ReconciledSupplierJourney($id: ID!) {
    supplier(id: $id) {
      journey {
        steps {
          system
          action
          outcome
        }
        currentStep {
          system
          action
          outcome
        }
        stuck
      }
    }
  }
`);

const PAYMENT_STATUS = graphql(`
  query ReconciledPaymentStatus($id: ID!) {
    payment(id: $id) {
      id
      status
    }
  }
`);

const RESOLVE = graphql(`
  mutation ResolveDrift($id: ID!, $note: String!) {
    resolveDriftFinding(id: $id, note: $note) {
      finding {
        id
        state
        note
      }
      userErrors {
        code
      }
    }
  }
`);

const HOLD_RELEASE_AUDIT = graphql(`
  query HoldReleaseAudit($recordId: ID!, $actor: String!) {
    auditEvents(first: 10, filter: { recordId: $recordId, actor: $actor }) {
      nodes {
        actor
        role
        service
        operation
        recordType
        recordId
        outcome
        occurredAt
        detail {
          codes
          note
        }
      }
    }
  }
`);

const ORDER_STATE = graphql(`
  query ReconciledOrderState($id: ID!) {
    purchaseOrder(id: $id) {
      id
      status
      total {
        amount
      }
      lines {
        lineNumber
        quantity
      }
    }
  }
`);

const CONTRACT_DATES = graphql(`
  query ReconciledContractDates($id: ID!) {
    contract(id: $id) {
      id
      effectiveTo
    }
  }
`);

const DRIFT_ALERTS = graphql(`
  subscription DriftAlerts($system: BackingSystem) {
    driftDetected(system: $system) {
      id
      kind
      field
      state
      systemValue
    }
  }
`);

const RECONCILIATION_AUDIT = graphql(`
  query ReconciliationAudit($recordId: ID!) {
    auditEvents(first: 10, filter: { recordId: $recordId, actor: "reconciliation" }) {
      nodes {
        actor
        role
        service
        kind
        operation
        recordType
        recordId
        outcome
        detail {
          codes
        }
      }
    }
  }
`);

async function erpGet<Body>(path: string): Promise<Body> {
  return (await (await fetch(`${graph.app.systems.erpUrl}${ERP_RESOURCES}${path}`)).json()) as Body;
}

async function journeyOf(id: string) {
  return (await graph.query(SUPPLIER_JOURNEY, { id }, engineer)).data!.supplier!.journey;
}

/** The steps a record's drifts took, in order (its other steps are the jobs and events around them). */
async function driftStepsOf(id: string) {
  return (await journeyOf(id)).steps.filter((step) => step.action.startsWith('drift '));
}

async function drift(url: string, body: unknown): Promise<number> {
  const response = await fetch(`${url}/admin/drift`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.body?.cancel();
  return response.status;
}

/** Runs a reconciliation of one system to its end and answers the run and what it found. */
async function reconcile(system: BackingSystem): Promise<{
  run: NonNullable<ReconciliationRunStateQuery['reconciliationRun']>;
  findings: Finding[];
}> {
  const started = await graph.query(START, { system }, engineer);
  expect(started.data?.startReconciliation.userErrors).toEqual([]);
  const id = started.data!.startReconciliation.run!.id;
  const run = await eventually(
    async () => {
      const state = (await graph.query(RUN, { id }, engineer)).data?.reconciliationRun;
      return state?.state === 'COMPLETED' ? state : undefined;
    },
    60_000,
    200,
    `run ${id} completed`,
  );
  const findings = await graph.query(FINDINGS, { runId: id }, engineer);
  return { run, findings: findings.data!.driftFindings.nodes };
}

beforeAll(async () => {
  graph = await startTestGraph();
}, 120_000);
afterAll(() => graph?.close());

describe('ERP reconciliation of suppliers', () => {
  it('finds nothing on a store in step with the ERP', { timeout: 90_000 }, async () => {
    const { run, findings } = await reconcile('ERP');
    expect(findings).toEqual([]);
    expect(run.findingsCount).toBe(0);
    expect(run.recordsCompared).toBeGreaterThan(0);
    // In step: every canonical record linked to the ERP was met among the ERP's records, once each.
    expect(run.canonicalRecordsChecked).toBe(run.recordsCompared);
    // The ERP's three parts, each done, with the run's counts shared among them.
    const parts = [...run.parts].sort((a, b) => a.service.localeCompare(b.service));
    expect(parts.map(({ service, phase }) => [service, phase])).toEqual([
      ['invoicing', 'COMPLETED'],
      ['procurement', 'COMPLETED'],
      ['suppliers', 'COMPLETED'],
    ]);
    expect(parts.reduce((sum, part) => sum + part.recordsCompared, 0)).toBe(run.recordsCompared);
    expect(parts.reduce((sum, part) => sum + part.canonicalRecordsChecked, 0)).toBe(run.canonicalRecordsChecked);
  });

  it('pushes a supplier name changed in the ERP only back, once, and then finds nothing', { timeout: 120_000 }, async () => {
    const [erpSupplier] = (await erpGet<{ items: { SupplierId: number; Supplier: string }[] }>('/suppliers?limit=1&offset=3')).items;
    expect(
      await drift(graph.app.systems.erpUrl, {
        resource: 'suppliers',
        id: erpSupplier!.SupplierId,
        set: { Supplier: 'Renamed By Hand LLC' },
      }),
    ).toBe(200);

    const { run, findings } = await reconcile('ERP');
    expect(findings).toEqual([
      {
        id: expect.any(String),
        system: 'ERP',
        recordType: 'SUPPLIER',
        recordId: expect.any(String),
        externalId: String(erpSupplier!.SupplierId),
        kind: 'FIELD_MISMATCH',
        field: 'legalName',
        canonicalValue: erpSupplier!.Supplier,
        systemValue: 'Renamed By Hand LLC',
        systemOfRecord: 'PROCUREGRAPH',
        state: 'REPAIRED',
        run: { id: expect.any(String) },
      },
    ]);
    expect(run).toMatchObject({ findingsCount: 1, repairedCount: 1 });
    await until(
      async () => (await erpGet<{ Supplier: string }>(`/suppliers/${erpSupplier!.SupplierId}`)).Supplier === erpSupplier!.Supplier,
      30_000,
      'the name pushed back to the ERP',
    );
    expect(await driftStepsOf(findings[0]!.recordId!)).toEqual([
      { system: 'ERP', action: 'drift found: legalName', outcome: 'FAILED' },
      { system: 'ERP', action: 'drift repaired: legalName', outcome: 'SUCCEEDED' },
    ]);
    const journey = await journeyOf(findings[0]!.recordId!);
    const found = journey.steps.findIndex((step) => step.action === 'drift found: legalName');
    // The finding, the repair's own event, the repair: in the order they were written in one transaction.
    expect(journey.steps.slice(found, found + 3).map((step) => step.action)).toEqual([
      'drift found: legalName',
      'supplier.erp_repush_requested',
      'drift repaired: legalName',
    ]);
    expect(journey.currentStep?.action).not.toBe('drift found: legalName');
    const audit = await graph.query(RECONCILIATION_AUDIT, { recordId: findings[0]!.recordId! });
    expect(audit.data!.auditEvents.nodes).toEqual([
      {
        actor: 'reconciliation',
        role: 'integration',
        service: 'suppliers',
        kind: 'MUTATION',
        operation: 'reconciliation.repair',
        recordType: 'SUPPLIER',
        recordId: findings[0]!.recordId,
        outcome: 'SUCCEEDED',
        detail: { codes: ['FIELD_MISMATCH', 'legalName'] },
      },
    ]);

    const again = await reconcile('ERP');
    expect(again.findings).toEqual([]);
    expect(again.run.findingsCount).toBe(0);
  });

  it('holds the supplier and alerts on a bank account changed in the ERP only, and never overwrites it', { timeout: 120_000 }, async () => {
    const [account] = (
      await erpGet<{ items: { BankAccountId: number; BankAccountNumber: string; BankBranchNumber: string }[] }>(
        '/externalBankAccounts?limit=1&offset=5',
      )
    ).items;
    const listeners = graph.app.events.subscriberCount;
    const alerts = subscribe(graph.graphqlUrl, { authorization: `Bearer ${await graph.tokenFor(engineer)}` }, DRIFT_ALERTS, {
      system: 'ERP',
    });
    await until(() => graph.app.events.subscriberCount > listeners, 10_000, 'drift alerts subscribed');
    expect(
      await drift(graph.app.systems.erpUrl, {
        resource: 'externalBankAccounts',
        id: account!.BankAccountId,
        set: { BankAccountNumber: '000777004321' },
      }),
    ).toBe(200);

    const { run, findings } = await reconcile('ERP');
    const oldLast4 = account!.BankAccountNumber.slice(-4);
    expect(findings).toEqual([
      expect.objectContaining({
        recordType: 'SUPPLIER',
        kind: 'FIELD_MISMATCH',
        field: 'bankAccount',
        canonicalValue: `${account!.BankBranchNumber} ••••${oldLast4}`,
        systemValue: `${account!.BankBranchNumber} ••••4321`,
        systemOfRecord: 'PROCUREGRAPH',
        state: 'ALERTED',
      }),
    ]);
    expect(run).toMatchObject({ findingsCount: 1, repairedCount: 0 });
    const [alert] = await alerts.take(1, 15_000);
    expect(alert!.data!.driftDetected).toEqual({
      id: findings[0]!.id,
      kind: 'FIELD_MISMATCH',
      field: 'bankAccount',
      state: 'ALERTED',
      systemValue: `${account!.BankBranchNumber} ••••4321`,
    });
    await alerts.close();
    const supplier = (await graph.query(SUPPLIER_HOLDS, { id: findings[0]!.recordId! })).data!.supplier!;
    expect(supplier.status).toBe('ON_HOLD');
    expect(supplier.holds.map((hold) => hold.reason)).toContain('BANK_ACCOUNT_DRIFT');
    expect((await erpGet<{ BankAccountNumber: string }>(`/externalBankAccounts/${account!.BankAccountId}`)).BankAccountNumber).toMatch(
      /4321$/,
    );

    const again = await reconcile('ERP');
    expect(again.findings).toEqual([]);
  });
});

interface ErpSupplierMaster {
  SupplierId: number;
  TaxpayerId: string;
  addresses: {
    items: {
      AddressLine1: string;
      AddressLine2: string | null;
      City: string;
      State: string | null;
      PostalCode: string | null;
      CountryCode: string;
    }[];
  };
  sites: { items: { SupplierSite: string }[] };
}

describe('ERP reconciliation of supplier addresses, sites and TINs', () => {
  it(
    'pushes an address and a site changed in the ERP only back; holds and alerts on a TIN changed there, never overwriting it',
    { timeout: 180_000 },
    async () => {
      const chosen = demoSuppliers.filter((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)[6]!;
      const ids = chosen.erp!;
      const master = () => erpGet<ErpSupplierMaster>(`/suppliers/${ids.supplierId}?expand=addresses,sites`);
      const before = await master();
      const [address] = before.addresses.items;
      const line = (line1: string) =>
        [line1, address!.AddressLine2, address!.City, `${address!.State ?? ''} ${address!.PostalCode ?? ''}`.trim(), address!.CountryCode]
          .filter(Boolean)
          .join(', ');
      expect(
        await drift(graph.app.systems.erpUrl, { resource: 'addresses', id: ids.addressId, set: { AddressLine1: '1 Drifted Way' } }),
      ).toBe(200);
      expect(await drift(graph.app.systems.erpUrl, { resource: 'sites', id: ids.siteId, set: { SupplierSite: 'ELSEWHERE' } })).toBe(200);
      expect(await drift(graph.app.systems.erpUrl, { resource: 'suppliers', id: ids.supplierId, set: { TaxpayerId: '987654321' } })).toBe(
        200,
      );
      expect(await drift(graph.app.systems.erpUrl, { resource: 'sites', id: 999_999_999, delete: true })).toBe(404);

      const { run, findings } = await reconcile('ERP');
      const base = {
        id: expect.any(String),
        system: 'ERP',
        recordType: 'SUPPLIER',
        recordId: chosen.id,
        externalId: String(ids.supplierId),
        kind: 'FIELD_MISMATCH',
        systemOfRecord: 'PROCUREGRAPH',
        run: { id: expect.any(String) },
      };
      expect([...findings].sort((a, b) => a.field!.localeCompare(b.field!))).toEqual([
        { ...base, field: 'address', canonicalValue: line(address!.AddressLine1), systemValue: line('1 Drifted Way'), state: 'REPAIRED' },
        { ...base, field: 'site', canonicalValue: before.sites.items[0]!.SupplierSite, systemValue: 'ELSEWHERE', state: 'REPAIRED' },
        { ...base, field: 'taxId', canonicalValue: `**-***${before.TaxpayerId.slice(-4)}`, systemValue: '**-***4321', state: 'ALERTED' },
      ]);
      expect(run).toMatchObject({ findingsCount: 3, repairedCount: 2 });

      await until(
        async () => {
          const after = await master();
          return (
            after.addresses.items[0]!.AddressLine1 === address!.AddressLine1 &&
            after.sites.items[0]!.SupplierSite === before.sites.items[0]!.SupplierSite
          );
        },
        30_000,
        'the address and site pushed back to the ERP',
      );
      const holdsOf = async () => (await graph.query(SUPPLIER_HOLDS, { id: chosen.id })).data!.supplier!;
      expect(await holdsOf()).toMatchObject({ status: 'ON_HOLD', holds: [{ reason: 'TAX_ID_DRIFT' }] });
      expect((await master()).TaxpayerId).toBe('987654321');
      const audit = (await graph.query(RECONCILIATION_AUDIT, { recordId: chosen.id })).data!.auditEvents.nodes;
      expect(audit.map((event) => [event.operation, event.detail?.codes])).toEqual(
        expect.arrayContaining([
          ['reconciliation.repair', ['FIELD_MISMATCH', 'address']],
          ['reconciliation.repair', ['FIELD_MISMATCH', 'site']],
          ['reconciliation.alert', ['FIELD_MISMATCH', 'taxId']],
        ]),
      );

      const again = await reconcile('ERP');
      expect(again.findings).toEqual([]);

      // Compliance settles it: the ERP corrected by hand, the alert resolved, the hold lifted.
      expect(
        await drift(graph.app.systems.erpUrl, { resource: 'suppliers', id: ids.supplierId, set: { TaxpayerId: before.TaxpayerId } }),
      ).toBe(200);
      const taxAlert = findings.find((finding) => finding.field === 'taxId')!;
      const resolved = await graph.query(RESOLVE, { id: taxAlert.id, note: 'ERP TIN corrected after a call with the supplier' }, officer);
      expect(resolved.data!.resolveDriftFinding.finding?.state).toBe('RESOLVED');
      await until(async () => (await holdsOf()).holds.length === 0, 30_000, 'the TIN drift hold lifted');
      expect((await holdsOf()).status).toBe('ACTIVE');
      expect((await reconcile('ERP')).findings).toEqual([]);
    },
  );
});

interface ErpSupplierChildren {
  SupplierPartyId: number;
  addresses: { items: { SupplierAddressId: number; AddressLine1: string }[] };
  sites: { items: { SupplierSiteId: number; SupplierSite: string; SupplierAddressId: number }[] };
}

describe('ERP reconciliation of supplier addresses and sites deleted in the ERP', () => {
  it(
    'creates them again, keeping their new ids, for a supplier linked with its setup ids and for one linked without',
    { timeout: 180_000 },
    async () => {
      const [linked, unlinked] = demoSuppliers.filter((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null).slice(8, 10);
      const children = (supplier: (typeof demoSuppliers)[number]) =>
        erpGet<ErpSupplierChildren>(`/suppliers/${supplier.erp!.supplierId}?expand=addresses,sites`);
      const before = { linked: await children(linked!), unlinked: await children(unlinked!) };
      // As onboarding leaves them: the ids of the address and site set up with the supplier.
      const setupIds = {
        supplierId: String(linked!.erp!.supplierId),
        supplierNumber: linked!.erp!.supplierNumber,
        partyId: String(before.linked.SupplierPartyId),
        addressId: String(linked!.erp!.addressId),
        siteId: String(linked!.erp!.siteId),
        bankAccountId: String(linked!.erp!.bankAccountId),
      };
      await executeSql(graph.app.client, `update suppliers.suppliers set erp_links = $1::jsonb where id = $2`, [
        JSON.stringify(setupIds),
        linked!.id,
      ]);
      for (const supplier of [linked!, unlinked!]) {
        expect(await drift(graph.app.systems.erpUrl, { resource: 'addresses', id: supplier.erp!.addressId, delete: true })).toBe(200);
        expect(await drift(graph.app.systems.erpUrl, { resource: 'sites', id: supplier.erp!.siteId, delete: true })).toBe(200);
      }

      const { findings } = await reconcile('ERP');
      const fieldsOf = (id: string) =>
        findings
          .filter((finding) => finding.recordId === id)
          .map((finding) => [finding.field, finding.systemValue, finding.state])
          .sort();
      for (const supplier of [linked!, unlinked!])
        expect(fieldsOf(supplier.id)).toEqual([
          ['address', null, 'REPAIRED'],
          ['site', null, 'REPAIRED'],
        ]);

      const recreated = async (supplier: (typeof demoSuppliers)[number], was: ErpSupplierChildren) =>
        eventually(
          async () => {
            const now = await children(supplier);
            return now.addresses.items.length === 1 && now.sites.items.length === 1 ? now : undefined;
          },
          30_000,
          200,
          `${supplier.id}'s address and site created again`,
        ).then((now) => {
          expect(now.addresses.items[0]!.AddressLine1).toBe(was.addresses.items[0]!.AddressLine1);
          expect(now.sites.items[0]!.SupplierSite).toBe(was.sites.items[0]!.SupplierSite);
          expect(now.sites.items[0]!.SupplierAddressId).toBe(now.addresses.items[0]!.SupplierAddressId);
          expect(now.addresses.items[0]!.SupplierAddressId).not.toBe(supplier.erp!.addressId);
          expect(now.sites.items[0]!.SupplierSiteId).not.toBe(supplier.erp!.siteId);
          return now;
        });
      const after = await recreated(linked!, before.linked);
      await recreated(unlinked!, before.unlinked);
      const [links] = await executeSql<{ addressId: string; siteId: string }>(
        graph.app.client,
        `select erp_links->>'addressId' as "addressId", erp_links->>'siteId' as "siteId" from suppliers.suppliers where id = $1`,
        [linked!.id],
      );
      expect(links).toEqual({
        addressId: String(after.addresses.items[0]!.SupplierAddressId),
        siteId: String(after.sites.items[0]!.SupplierSiteId),
      });

      const again = await reconcile('ERP');
      expect(again.findings.filter((finding) => finding.recordId === linked!.id || finding.recordId === unlinked!.id)).toEqual([]);
    },
  );
});

interface ErpOrder {
  POHeaderId: number;
  OrderNumber: string;
  DocumentStatusCode: string;
  Total: string;
  lines: {
    items: (Record<string, unknown> & {
      LineNumber: number;
      Item: string;
      Quantity: string;
      UOM: string;
      Price: string;
      Amount: string;
      schedules: { items: { QuantityReceived: string }[] };
    })[];
  };
}

/** ERP orders not cancelled, each with the status the graph shows for it. */
async function erpOrders(): Promise<(ErpOrder & { canonicalStatus: string })[]> {
  const { items } = await erpGet<{ items: ErpOrder[] }>('/purchaseOrders?limit=200&expand=lines.schedules');
  const received = (order: ErpOrder) =>
    order.lines.items.some((line) => line.schedules.items.some((schedule) => !decimal(schedule.QuantityReceived).isZero()));
  const statuses: Record<string, string> = { CLOSED_FOR_RECEIVING: 'RECEIVED', CLOSED: 'CLOSED', INCOMPLETE: 'DRAFT' };
  return items
    .filter((order) => order.DocumentStatusCode !== 'CANCELED')
    .map((order) => ({
      ...order,
      canonicalStatus: statuses[order.DocumentStatusCode] ?? (received(order) ? 'PARTIALLY_RECEIVED' : 'OPEN'),
    }));
}

/** The lines as reconciliation shows them (number, item, quantity, unit, price). */
const linesText = (lines: ErpOrder['lines']['items']) =>
  lines
    .map((line) => `${line.LineNumber}: ${line.Item} ${formatDecimal(line.Quantity)} ${line.UOM} @ ${formatDecimal(line.Price)}`)
    .join('; ');

describe('ERP reconciliation of purchase orders', () => {
  it(
    'pulls a status, and lines and a total amended in the ERP only, into the graph, once each, and then finds nothing',
    { timeout: 180_000 },
    async () => {
      const [cancelled, amended] = await erpOrders();
      // Amended by hand: five more of the first line, its amount and the order's total to match.
      const lines = amended!.lines.items.map(({ schedules, ...line }) => ({ ...line, schedules: schedules.items }));
      const first = lines[0]!;
      const quantity = formatDecimal(decimal(first.Quantity).plus(5));
      const amount = decimal(first.Price).times(quantity).toFixed(2);
      const changedLines = [{ ...first, Quantity: quantity, Amount: amount }, ...lines.slice(1)];
      const total = decimal(amended!.Total).minus(first.Amount).plus(amount).toFixed(2);
      expect(
        await drift(graph.app.systems.erpUrl, {
          resource: 'purchaseOrders',
          id: cancelled!.POHeaderId,
          set: { DocumentStatusCode: 'CANCELED' },
        }),
      ).toBe(200);
      expect(
        await drift(graph.app.systems.erpUrl, {
          resource: 'purchaseOrders',
          id: amended!.POHeaderId,
          set: { lines: changedLines, Total: total },
        }),
      ).toBe(200);

      const { run, findings } = await reconcile('ERP');
      const of = (order: ErpOrder, field: string) =>
        findings.find((finding) => finding.externalId === String(order.POHeaderId) && finding.field === field);
      expect(findings).toHaveLength(3);
      const common = { system: 'ERP', recordType: 'PURCHASE_ORDER', kind: 'FIELD_MISMATCH', systemOfRecord: 'ERP', state: 'REPAIRED' };
      expect(of(cancelled!, 'status')).toMatchObject({ ...common, canonicalValue: cancelled!.canonicalStatus, systemValue: 'CANCELLED' });
      expect(of(amended!, 'lines')).toMatchObject({
        ...common,
        canonicalValue: linesText(amended!.lines.items),
        systemValue: linesText(changedLines.map((line) => ({ ...line, schedules: { items: line.schedules } }))),
      });
      expect(of(amended!, 'total')).toMatchObject({
        ...common,
        canonicalValue: formatDecimal(amended!.Total),
        systemValue: formatDecimal(total),
      });
      expect(run).toMatchObject({ findingsCount: 3, repairedCount: 3 });

      const state = async (order: ErpOrder, field: string) =>
        (await graph.query(ORDER_STATE, { id: of(order, field)!.recordId! })).data!.purchaseOrder!;
      expect((await state(cancelled!, 'status')).status).toBe('CANCELLED');
      const pulled = await state(amended!, 'lines');
      expect(pulled.lines[0]!.quantity).toBe(quantity);
      expect(pulled.total.amount).toBe(total);

      const again = await reconcile('ERP');
      expect(again.findings).toEqual([]);
    },
  );

  it('reports an order the ERP lost, once, for a person to decide', { timeout: 120_000 }, async () => {
    const lost = (await erpOrders()).at(-1)!;
    expect(await drift(graph.app.systems.erpUrl, { resource: 'purchaseOrders', id: lost.POHeaderId, delete: true })).toBe(200);

    const { run, findings } = await reconcile('ERP');
    expect(findings).toEqual([
      {
        id: expect.any(String),
        system: 'ERP',
        recordType: 'PURCHASE_ORDER',
        recordId: expect.any(String),
        externalId: String(lost.POHeaderId),
        kind: 'MISSING_IN_SYSTEM',
        field: null,
        canonicalValue: lost.OrderNumber,
        systemValue: null,
        systemOfRecord: 'ERP',
        state: 'OPEN',
        run: { id: expect.any(String) },
      },
    ]);
    expect(run).toMatchObject({ findingsCount: 1, repairedCount: 0 });
    expect((await graph.query(ORDER_STATE, { id: findings[0]!.recordId! })).data!.purchaseOrder!.status).toBe(lost.canonicalStatus);

    const again = await reconcile('ERP');
    expect(again.findings).toEqual([]);
  });
});

const INVOICE_STATUS = graphql(`
  query ReconciledInvoiceStatus($id: ID!) {
    invoice(id: $id) {
      id
      status
    }
  }
`);

describe('ERP reconciliation of invoices', () => {
  it(
    'reports an invoice cancelled, re-keyed or lost in ERP payables, once each, for a person to decide',
    { timeout: 180_000 },
    async () => {
      const { items } = await erpGet<{ items: { InvoiceId: number; InvoiceNumber: string; InvoiceAmount: string }[] }>(
        '/invoices?limit=200',
      );
      const [cancelled, rekeyed, lost] = items.slice(-3);
      const erp = graph.app.systems.erpUrl;
      expect(await drift(erp, { resource: 'invoices', id: cancelled!.InvoiceId, set: { CanceledFlag: true } })).toBe(200);
      expect(await drift(erp, { resource: 'invoices', id: rekeyed!.InvoiceId, set: { InvoiceAmount: '999.99' } })).toBe(200);
      expect(await drift(erp, { resource: 'invoices', id: lost!.InvoiceId, delete: true })).toBe(200);

      const { run, findings } = await reconcile('ERP');
      const of = (invoice: { InvoiceId: number }) => findings.find((finding) => finding.externalId === String(invoice.InvoiceId))!;
      expect(findings).toHaveLength(3);
      const common = {
        id: expect.any(String),
        system: 'ERP',
        recordType: 'INVOICE',
        recordId: expect.any(String),
        systemOfRecord: 'PROCUREGRAPH',
        state: 'OPEN',
        run: { id: expect.any(String) },
      };
      const cancelledStatus = (await graph.query(INVOICE_STATUS, { id: of(cancelled!).recordId! })).data!.invoice!.status;
      expect(['APPROVED', 'PAID']).toContain(cancelledStatus);
      expect(of(cancelled!)).toEqual({
        ...common,
        externalId: String(cancelled!.InvoiceId),
        kind: 'FIELD_MISMATCH',
        field: 'status',
        canonicalValue: cancelledStatus,
        systemValue: 'CANCELLED',
      });
      expect(of(rekeyed!)).toEqual({
        ...common,
        externalId: String(rekeyed!.InvoiceId),
        kind: 'FIELD_MISMATCH',
        field: 'amount',
        canonicalValue: formatDecimal(rekeyed!.InvoiceAmount),
        systemValue: '999.99',
      });
      expect(of(lost!)).toEqual({
        ...common,
        externalId: String(lost!.InvoiceId),
        kind: 'MISSING_IN_SYSTEM',
        field: null,
        canonicalValue: lost!.InvoiceNumber,
        systemValue: null,
      });
      expect(run).toMatchObject({ findingsCount: 3, repairedCount: 0 });

      const again = await reconcile('ERP');
      expect(again.findings).toEqual([]);
    },
  );
});

describe('a bank-account alert resolved by compliance', () => {
  it(
    'lifts only the BANK_ACCOUNT_DRIFT hold, with who, why and when in the audit log; integration may not',
    { timeout: 120_000 },
    async () => {
      const held = demoSuppliers.find((supplier) => supplier.status === 'ON_HOLD' && supplier.erp !== null)!;
      const bankAccountId = held.erp!.bankAccountId;
      expect(
        await drift(graph.app.systems.erpUrl, {
          resource: 'externalBankAccounts',
          id: bankAccountId,
          set: { BankAccountNumber: '000555006789' },
        }),
      ).toBe(200);
      const { findings } = await reconcile('ERP');
      expect(findings).toEqual([expect.objectContaining({ recordId: held.id, field: 'bankAccount', state: 'ALERTED' })]);
      const holdsOf = async () => (await graph.query(SUPPLIER_HOLDS, { id: held.id })).data!.supplier!;
      const foundStep = { system: 'ERP', action: 'drift found: bankAccount', outcome: 'PENDING' };
      expect(await driftStepsOf(held.id)).toEqual([foundStep]);
      // The hold's own events and jobs come after the finding; once they are done, the drift is where the record stands.
      const current = await eventually(
        async () => {
          const step = (await journeyOf(held.id)).currentStep;
          return step?.action === foundStep.action ? step : undefined;
        },
        30_000,
        200,
        'the held drift the current step',
      );
      expect(current).toEqual(foundStep);
      expect(await holdsOf()).toMatchObject({
        status: 'ON_HOLD',
        holds: [{ reason: 'INSURANCE_EXPIRED' }, { reason: 'BANK_ACCOUNT_DRIFT' }],
      });

      const note = 'Supplier confirmed the new account by phone; ERP corrected';
      const refused = await graph.query(RESOLVE, { id: findings[0]!.id, note }, engineer);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const resolvedAt = Date.now();
      const resolved = await graph.query(RESOLVE, { id: findings[0]!.id, note }, officer);
      expect(resolved.data!.resolveDriftFinding).toEqual({ finding: { id: findings[0]!.id, state: 'RESOLVED', note }, userErrors: [] });
      await until(async () => (await holdsOf()).holds.length === 1, 30_000, 'the drift hold lifted');
      expect(await driftStepsOf(held.id)).toEqual([
        foundStep,
        { system: 'PROCUREGRAPH', action: 'drift resolved: bankAccount', outcome: 'SUCCEEDED' },
      ]);
      expect((await journeyOf(held.id)).currentStep).not.toEqual(foundStep);
      expect(await holdsOf()).toMatchObject({ status: 'ON_HOLD', holds: [{ reason: 'INSURANCE_EXPIRED' }] });
      const audit = (await graph.query(HOLD_RELEASE_AUDIT, { recordId: held.id, actor: officer.subject })).data!.auditEvents.nodes;
      expect(audit).toEqual([
        {
          actor: officer.subject,
          role: 'compliance',
          service: 'suppliers',
          operation: 'reconciliation.hold_released',
          recordType: 'SUPPLIER',
          recordId: held.id,
          outcome: 'SUCCEEDED',
          occurredAt: expect.any(String),
          detail: { codes: ['FIELD_MISMATCH', 'bankAccount'], note },
        },
      ]);
      expect(new Date(audit[0]!.occurredAt).getTime()).toBeGreaterThanOrEqual(resolvedAt - 1000);

      // The person corrected the ERP, so the next run finds the accounts in step.
      expect(
        await drift(graph.app.systems.erpUrl, {
          resource: 'externalBankAccounts',
          id: bankAccountId,
          set: { BankAccountNumber: held.bankAccount.accountNumber },
        }),
      ).toBe(200);
      const again = await reconcile('ERP');
      expect(again.findings).toEqual([]);
    },
  );
});

describe('ERP reconciliation of payments', () => {
  it('pulls a payment voided in the ERP without an event into the graph and on to the portal', { timeout: 120_000 }, async () => {
    const { items } = await erpGet<{ items: { PaymentId: number; PaymentStatus: string }[] }>('/payablesPayments?limit=50');
    const erpPayment = items.find((item) => item.PaymentStatus !== 'Voided')!;
    expect(
      await drift(graph.app.systems.erpUrl, {
        resource: 'payablesPayments',
        id: erpPayment.PaymentId,
        set: { PaymentStatus: 'Voided', VoidDate: '2026-12-01' },
      }),
    ).toBe(200);

    const { run, findings } = await reconcile('ERP');
    expect(findings).toEqual([
      expect.objectContaining({
        system: 'ERP',
        recordType: 'PAYMENT',
        externalId: String(erpPayment.PaymentId),
        kind: 'FIELD_MISMATCH',
        field: 'status',
        systemValue: 'VOIDED',
        systemOfRecord: 'ERP',
        state: 'REPAIRED',
      }),
    ]);
    expect(findings[0]!.canonicalValue).not.toBe('VOIDED');
    expect(run).toMatchObject({ findingsCount: 1, repairedCount: 1 });
    const paymentId = findings[0]!.recordId!;
    expect((await graph.query(PAYMENT_STATUS, { id: paymentId })).data!.payment).toEqual({ id: paymentId, status: 'VOIDED' });
    await until(
      async () => {
        const portal = await fetch(`${graph.app.systems.vendorPlatformUrl}/api/v1/portal/payments/${paymentId}`);
        return ((await portal.json()) as { status?: string }).status === 'voided';
      },
      30_000,
      'the void shown on the portal',
    );

    const again = await reconcile('ERP');
    expect(again.findings).toEqual([]);
  });
});

describe('vendor platform reconciliation of published orders', () => {
  it('publishes an order missing from the portal again, once, and then finds nothing', { timeout: 180_000 }, async () => {
    const clean = await reconcile('VENDOR_PLATFORM');
    expect(clean.findings).toEqual([]);
    expect(clean.run.recordsCompared).toBeGreaterThan(0);
    expect(clean.run.canonicalRecordsChecked).toBe(clean.run.recordsCompared);

    const portal = graph.app.systems.vendorPlatformUrl;
    const listed = (await (await fetch(`${portal}/api/v1/portal/purchase-orders?limit=1`)).json()) as {
      data: { externalId: string; poNumber: string }[];
    };
    const order = listed.data[0]!;
    expect(await drift(portal, { resource: 'portalPurchaseOrders', id: order.externalId, delete: true })).toBe(200);
    expect((await fetch(`${portal}/api/v1/portal/purchase-orders/${order.externalId}`)).status).toBe(404);

    const { run, findings } = await reconcile('VENDOR_PLATFORM');
    expect(findings).toEqual([
      {
        id: expect.any(String),
        system: 'VENDOR_PLATFORM',
        recordType: 'PURCHASE_ORDER',
        recordId: order.externalId,
        externalId: null,
        kind: 'MISSING_IN_SYSTEM',
        field: null,
        canonicalValue: order.poNumber,
        systemValue: null,
        systemOfRecord: 'PROCUREGRAPH',
        state: 'REPAIRED',
        run: { id: expect.any(String) },
      },
    ]);
    expect(run).toMatchObject({ findingsCount: 1, repairedCount: 1 });
    await until(
      async () => (await fetch(`${portal}/api/v1/portal/purchase-orders/${order.externalId}`)).status === 200,
      30_000,
      'the order published again',
    );

    const again = await reconcile('VENDOR_PLATFORM');
    expect(again.findings).toEqual([]);
  });
});

interface ShownPayment {
  externalId: string;
  status: string;
  amount: { value: string; currency: string };
}

describe('vendor platform reconciliation of portal payments', () => {
  it('shows a payment the portal shows otherwise, or lost, again, once each, and then finds nothing', { timeout: 180_000 }, async () => {
    const portal = graph.app.systems.vendorPlatformUrl;
    const shown = async (id: string) => {
      const response = await fetch(`${portal}/api/v1/portal/payments/${id}`);
      return response.status === 200 ? ((await response.json()) as ShownPayment) : null;
    };
    const listed = (await (await fetch(`${portal}/api/v1/portal/payments?limit=50`)).json()) as { data: ShownPayment[] };
    const [restated, underpaid, lost] = listed.data;
    const otherStatus = restated!.status === 'cleared' ? 'failed' : 'cleared';
    expect(await drift(portal, { resource: 'portalPayments', id: restated!.externalId, set: { status: otherStatus } })).toBe(200);
    expect(
      await drift(portal, {
        resource: 'portalPayments',
        id: underpaid!.externalId,
        set: { amount: { value: '1.00', currency: underpaid!.amount.currency } },
      }),
    ).toBe(200);
    expect(await drift(portal, { resource: 'portalPayments', id: lost!.externalId, delete: true })).toBe(200);

    const { run, findings } = await reconcile('VENDOR_PLATFORM');
    const common = {
      id: expect.any(String),
      system: 'VENDOR_PLATFORM',
      recordType: 'PAYMENT',
      systemOfRecord: 'PROCUREGRAPH',
      state: 'REPAIRED',
      run: { id: expect.any(String) },
    };
    expect(findings.toSorted((a, b) => (a.field ?? '').localeCompare(b.field ?? ''))).toEqual([
      {
        ...common,
        recordId: lost!.externalId,
        externalId: null,
        kind: 'MISSING_IN_SYSTEM',
        field: null,
        canonicalValue: lost!.status.toUpperCase(),
        systemValue: null,
      },
      {
        ...common,
        recordId: underpaid!.externalId,
        externalId: underpaid!.externalId,
        kind: 'FIELD_MISMATCH',
        field: 'amount',
        canonicalValue: formatDecimal(underpaid!.amount.value),
        systemValue: '1',
      },
      {
        ...common,
        recordId: restated!.externalId,
        externalId: restated!.externalId,
        kind: 'FIELD_MISMATCH',
        field: 'status',
        canonicalValue: restated!.status.toUpperCase(),
        systemValue: otherStatus.toUpperCase(),
      },
    ]);
    expect(run).toMatchObject({ findingsCount: 3, repairedCount: 3 });
    await until(
      async () =>
        (await shown(restated!.externalId))?.status === restated!.status &&
        (await shown(underpaid!.externalId))?.amount.value === underpaid!.amount.value &&
        (await shown(lost!.externalId))?.status === lost!.status,
      30_000,
      'the payments shown on the portal again as the graph holds them',
    );

    const again = await reconcile('VENDOR_PLATFORM');
    expect(again.findings).toEqual([]);
  });
});

describe('vendor platform reconciliation of registrations', () => {
  it(
    'reports a registration decided otherwise, renamed or gone on the platform, once each, for a person to decide',
    { timeout: 180_000 },
    async () => {
      const portal = graph.app.systems.vendorPlatformUrl;
      const listed = (await (await fetch(`${portal}/api/v1/registrations?status=approved&limit=3`)).json()) as {
        data: { id: string; legalName: string }[];
      };
      const [undone, renamed, gone] = listed.data;
      expect(await drift(portal, { resource: 'registrations', id: undone!.id, set: { status: 'rejected' } })).toBe(200);
      expect(await drift(portal, { resource: 'registrations', id: renamed!.id, set: { legalName: 'Renamed On The Platform LLC' } })).toBe(
        200,
      );
      expect(await drift(portal, { resource: 'registrations', id: gone!.id, delete: true })).toBe(200);

      const { run, findings } = await reconcile('VENDOR_PLATFORM');
      const common = {
        id: expect.any(String),
        system: 'VENDOR_PLATFORM',
        recordType: 'SUPPLIER',
        recordId: expect.any(String),
        systemOfRecord: 'PROCUREGRAPH',
        state: 'OPEN',
        run: { id: expect.any(String) },
      };
      const of = (id: string) => findings.find((finding) => finding.externalId === id)!;
      expect(findings).toHaveLength(3);
      expect(of(undone!.id)).toEqual({
        ...common,
        externalId: undone!.id,
        kind: 'FIELD_MISMATCH',
        field: 'status',
        canonicalValue: 'approved',
        systemValue: 'rejected',
      });
      expect(of(renamed!.id)).toEqual({
        ...common,
        externalId: renamed!.id,
        kind: 'FIELD_MISMATCH',
        field: 'legalName',
        canonicalValue: renamed!.legalName,
        systemValue: 'Renamed On The Platform LLC',
      });
      expect(of(gone!.id)).toEqual({
        ...common,
        externalId: gone!.id,
        kind: 'MISSING_IN_SYSTEM',
        field: null,
        canonicalValue: gone!.legalName,
        systemValue: null,
      });
      expect(run).toMatchObject({ findingsCount: 3, repairedCount: 0 });

      const again = await reconcile('VENDOR_PLATFORM');
      expect(again.findings).toEqual([]);
    },
  );
});

describe('contract repository reconciliation', () => {
  it('pulls contract terms amended in the repository while no change came, once', { timeout: 180_000 }, async () => {
    const clean = await reconcile('CONTRACT_REPOSITORY');
    expect(clean.findings).toEqual([]);

    const repository = graph.app.systems.contractRepositoryUrl;
    const listed = (await (await fetch(`${repository}/api/contracts?per_page=1&status=executed`)).json()) as {
      data: { id: string; expiration_date: string | null }[];
    };
    const contract = listed.data[0]!;
    expect(await drift(repository, { resource: 'contracts', id: contract.id, set: { expiration_date: '2031-06-30' } })).toBe(200);

    const { run, findings } = await reconcile('CONTRACT_REPOSITORY');
    expect(findings).toEqual([
      {
        id: expect.any(String),
        system: 'CONTRACT_REPOSITORY',
        recordType: 'CONTRACT',
        recordId: expect.any(String),
        externalId: contract.id,
        kind: 'FIELD_MISMATCH',
        field: 'effectiveTo',
        canonicalValue: contract.expiration_date,
        systemValue: '2031-06-30',
        systemOfRecord: 'CONTRACT_REPOSITORY',
        state: 'REPAIRED',
        run: { id: expect.any(String) },
      },
    ]);
    expect(run).toMatchObject({ findingsCount: 1, repairedCount: 1 });
    const canonical = await graph.query(CONTRACT_DATES, { id: findings[0]!.recordId! });
    expect(canonical.data!.contract!.effectiveTo).toBe('2031-06-30');

    const again = await reconcile('CONTRACT_REPOSITORY');
    expect(again.findings).toEqual([]);
  });
});
