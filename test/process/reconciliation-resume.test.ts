/**
 * A reconciliation run whose worker process is killed with SIGKILL mid-run: the suppliers subgraph
 * runs as its own process (`runtime/subgraph-process.ts`) against the test graph's PostgreSQL
 * database and its reference ERP; drift is made with the ERP's /admin/drift, and enough suppliers
 * only the ERP has to fill several of the part's pages. Killed once a page is checkpointed, a new
 * process finishes the run from that page, with exactly the findings and counts of an
 * uninterrupted run over the same drift.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { createServiceDatabase, executeSql } from '@procuregraph/platform/db';
import { resolveFinding } from '@procuregraph/platform/reconciliation';
import { deploymentSecretsOf, eventually, startTestGraph, type TestGraph } from '../harness.ts';
import { runProcess, type RunningProcess } from './running-process.ts';

const ERP_RESOURCES = '/fscmRestApi/resources/11.13.18.05';
const ONLY_IN_ERP = 350;
const engineer: UserCaller = { kind: 'staff', subject: 'integration-resume', role: 'integration' };

const START = `mutation { startReconciliation(system: ERP) { run { id state } userErrors { code message } } }`;

interface FindingShape {
  service: string;
  recordType: string;
  externalId: string | null;
  kind: string;
  field: string;
  canonicalValue: string | null;
  systemValue: string | null;
  systemOfRecord: string;
  state: string;
}

describe.skipIf(!process.env.DATABASE_URL)('a reconciliation run whose worker process is killed with SIGKILL', () => {
  let graph: TestGraph;
  const processes: RunningProcess[] = [];
  let environment: Record<string, string>;

  beforeAll(async () => {
    graph = await startTestGraph();
    // The suppliers subgraph's workers run only in the processes this test starts and kills.
    await graph.app.workers.suppliers.stop();
    environment = {
      DATABASE_URL: (graph.app.client as { url: string }).url,
      DATA_DIR: graph.dataDir,
      PORT: '0',
      ERP_URL: graph.app.systems.erpUrl,
      VENDOR_PLATFORM_URL: graph.app.systems.vendorPlatformUrl,
      CONTRACT_REPOSITORY_URL: graph.app.systems.contractRepositoryUrl,
      // One page a slice, and a killed process taken for dead after 3 s.
      RECONCILIATION_SLICE_MS: '100',
      JOBS_WORKER_HEARTBEAT_SECONDS: '1',
      JOBS_WORKER_DEAD_AFTER_SECONDS: '3',
      RECONCILIATION_SCHEDULE: 'off',
      ...(await deploymentSecretsOf(graph)),
    };
  }, 240_000);

  afterAll(async () => {
    for (const running of processes) running.kill();
    await graph?.close();
  });

  const erp = (path: string, init?: RequestInit) =>
    fetch(`${graph.app.systems.erpUrl}${path}`, { ...init, headers: { 'content-type': 'application/json' } });

  async function erpSupplierCount(): Promise<number> {
    let count = 0;
    for (let offset = 0, more = true; more;) {
      const page = (await (await erp(`${ERP_RESOURCES}/suppliers?limit=200&offset=${offset}`)).json()) as {
        items: unknown[];
        hasMore: boolean;
      };
      count += page.items.length;
      offset += page.items.length;
      more = page.hasMore;
    }
    return count;
  }

  async function drift(body: unknown): Promise<void> {
    expect((await erp('/admin/drift', { method: 'POST', body: JSON.stringify(body) })).status).toBe(200);
  }

  async function startSuppliersProcess(): Promise<RunningProcess> {
    const running = runProcess(process.execPath, ['--import', 'tsx', join('runtime', 'subgraph-process.ts'), 'suppliers'], environment);
    processes.push(running);
    await running.waitFor(/"msg":"subgraph listening"/, 90_000);
    return running;
  }

  async function startRun(): Promise<string> {
    const result = await graph.query<{ startReconciliation: { run: { id: string } | null } }>(START, {}, engineer);
    const run = result.data?.startReconciliation.run;
    if (!run) throw new Error(`startReconciliation: ${JSON.stringify(result)}`);
    return run.id;
  }

  const sql = (text: string, parameters: unknown[]) => executeSql(graph.app.client, text, parameters);

  const runRow = async (id: string) =>
    (
      await sql(
        `SELECT state, records_compared AS "recordsCompared", canonical_records_checked AS "canonicalRecordsChecked",
           findings_count AS "findingsCount" FROM platform.reconciliation_runs WHERE id = $1`,
        [id],
      )
    )[0]!;

  const suppliersPart = async (id: string) =>
    (
      await sql(
        `SELECT state, pages, records_compared AS "recordsCompared", canonical_records_checked AS "canonicalRecordsChecked"
           FROM platform.reconciliation_parts WHERE run_id = $1 AND service = 'suppliers'`,
        [id],
      )
    )[0];

  const completed = (id: string) =>
    eventually(
      async () => {
        const run = await runRow(id);
        if (run.state === 'FAILED') throw new Error(`run ${id} FAILED`);
        return run.state === 'COMPLETED' ? run : undefined;
      },
      180_000,
      250,
      `run ${id} COMPLETED`,
    );

  async function findingsOf(id: string): Promise<FindingShape[]> {
    const rows = await sql(
      `SELECT service, record_type AS "recordType", external_id AS "externalId", kind, field,
         canonical_value AS "canonicalValue", system_value AS "systemValue", system_of_record AS "systemOfRecord", state
       FROM platform.drift_findings WHERE run_id = $1
       ORDER BY service, record_type, kind, external_id, field`,
      [id],
    );
    return rows as unknown as FindingShape[];
  }

  it(
    'resumes from its last page in a new process and finishes with the findings of an uninterrupted run',
    { timeout: 600_000 },
    async () => {
      for (let n = 1; n <= ONLY_IN_ERP; n += 1) {
        const body = {
          Supplier: `Only In The ERP ${String(n).padStart(3, '0')}`,
          TaxOrganizationTypeCode: 'CORPORATION',
          BusinessRelationshipCode: 'SPEND_AUTHORIZED',
        };
        expect((await erp(`${ERP_RESOURCES}/suppliers`, { method: 'POST', body: JSON.stringify(body) })).status).toBe(201);
      }
      const listed = (await (await erp(`${ERP_RESOURCES}/suppliers?limit=6&offset=0`)).json()) as {
        items: { SupplierId: number; Supplier: string }[];
      };
      const renamed = listed.items[3]!;
      const deleted = listed.items[5]!;
      const injectDrift = async () => {
        await drift({ resource: 'suppliers', id: renamed.SupplierId, set: { Supplier: 'Renamed In The ERP By Hand' } });
      };
      await injectDrift();
      await drift({ resource: 'suppliers', id: deleted.SupplierId, delete: true });
      // Every ERP call takes a second, so the run is still in its first pages when the process is killed.
      expect((await erp('/admin/faults', { method: 'POST', body: JSON.stringify({ latencyMs: 1000 }) })).status).toBe(200);

      const first = await startSuppliersProcess();
      const interrupted = await startRun();
      const atKill = await eventually(
        async () => {
          const part = await suppliersPart(interrupted);
          return part && Number(part.pages) >= 1 ? part : undefined;
        },
        120_000,
        50,
        'a page of the suppliers part checkpointed',
      );
      const exit = await first.stop('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
      const killedAt = await suppliersPart(interrupted);
      expect(killedAt?.state).toBe('RUNNING');
      expect((await runRow(interrupted)).state).toBe('RUNNING');
      expect(Number(killedAt!.pages)).toBeGreaterThanOrEqual(Number(atKill.pages));

      await startSuppliersProcess();
      const resumedRun = await completed(interrupted);
      const resumedPart = (await suppliersPart(interrupted))!;
      const resumedFindings = await findingsOf(interrupted);

      // What the run found in the suppliers' part: every supplier only the ERP has, the deleted one and the renamed one.
      const ofSuppliers = resumedFindings.filter((finding) => finding.service === 'suppliers');
      expect(ofSuppliers.filter((finding) => finding.kind === 'MISSING_IN_CANONICAL')).toHaveLength(ONLY_IN_ERP);
      expect(ofSuppliers.filter((finding) => finding.kind === 'MISSING_IN_CANONICAL').map((finding) => finding.systemValue)).toEqual(
        expect.arrayContaining(['Only In The ERP 001', 'Only In The ERP 350']),
      );
      expect(ofSuppliers.filter((finding) => finding.kind !== 'MISSING_IN_CANONICAL')).toEqual([
        {
          service: 'suppliers',
          recordType: 'SUPPLIER',
          externalId: String(renamed.SupplierId),
          kind: 'FIELD_MISMATCH',
          field: 'legalName',
          canonicalValue: renamed.Supplier,
          systemValue: 'Renamed In The ERP By Hand',
          systemOfRecord: 'PROCUREGRAPH',
          state: 'REPAIRED',
        },
        {
          service: 'suppliers',
          recordType: 'SUPPLIER',
          externalId: String(deleted.SupplierId),
          kind: 'MISSING_IN_SYSTEM',
          field: '',
          canonicalValue: deleted.Supplier,
          systemValue: null,
          systemOfRecord: 'PROCUREGRAPH',
          state: 'OPEN',
        },
      ]);

      // The same drift again for an uninterrupted run: the open findings settled, the repaired name drifted anew.
      const platform = createServiceDatabase(graph.app.client, 'platform').db;
      const open = await sql(`SELECT id FROM platform.drift_findings WHERE run_id = $1 AND state = 'OPEN'`, [interrupted]);
      for (const row of open) await resolveFinding(platform, String(row.id), 'settled for the uninterrupted run', 'test');
      await eventually(
        async () => {
          const current = (await (await erp(`${ERP_RESOURCES}/suppliers/${renamed.SupplierId}`)).json()) as { Supplier: string };
          return current.Supplier === renamed.Supplier ? true : undefined;
        },
        60_000,
        250,
        'the renamed supplier pushed to the ERP again',
      );
      await injectDrift();
      const uninterrupted = await startRun();
      const uninterruptedRun = await completed(uninterrupted);
      const uninterruptedPart = (await suppliersPart(uninterrupted))!;

      expect(await findingsOf(uninterrupted)).toEqual(resumedFindings);
      expect(resumedRun).toEqual(uninterruptedRun);
      // Each page counted once: the resumed part compared and saved exactly the pages of an uninterrupted one.
      expect(resumedPart).toEqual(uninterruptedPart);
      // Every supplier the ERP holds, and the one it lost, met once.
      const erpSuppliers = await erpSupplierCount();
      expect(Number(resumedPart.recordsCompared)).toBe(erpSuppliers + 1);
      // Every canonical supplier linked to the ERP checked once: those the ERP holds but the ones only it has, and the lost one.
      expect(Number(resumedPart.canonicalRecordsChecked)).toBe(erpSuppliers - ONLY_IN_ERP + 1);
      expect(Number(resumedPart.pages)).toBeGreaterThan(Number(killedAt!.pages));
    },
  );
});
