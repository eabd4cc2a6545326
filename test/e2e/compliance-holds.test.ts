import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../generated/gql.ts';
import { createWorld, type DemoSupplier } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { signWebhook } from '@procuregraph/platform/inbound';
import { repositoryRoot } from '@procuregraph/platform/config';
import { startTestGraph, type TestGraph } from '../harness.ts';

/**
 * Exclusion always wins, through the gateway: a supplier found on the exclusion list stays on hold
 * whatever procurement, an insurance renewal or the vendor platform does, until compliance
 * decides, and that decision is recorded with who, why and when, and in the audit log.
 */
const demoSuppliers = [...createWorld({ scale: 'default' }).suppliers()];
const activeSupplier = demoSuppliers.find((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)!;
/** Already held for lapsed general liability: the exclusion comes on top. */
const lapsedSupplier = demoSuppliers.find((supplier) => supplier.status === 'ON_HOLD')!;
const bundledLeieFile = join(repositoryRoot, 'subgraphs', 'suppliers', 'screening', 'leie-sample.csv');

const officer: UserCaller = { kind: 'staff', subject: 'officer@network.example', role: 'compliance' };
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };

const SUPPLIER = graphql(`
  query ComplianceHolds1($id: ID!) {
    supplier(id: $id) {
      status
      screening {
        status
        match
      }
      holds {
        reason
      }
      complianceDecisions {
        decision
        reason
        decidedBy
        screeningStatus
      }
    }
  }
`);
const RELOAD = graphql(`
  mutation ReloadForCompliance {
    reloadExclusionList {
      excluded
      putOnHold
      userErrors {
        code
      }
      run {
        trigger
        state
        checked
        newlyExcluded
        reinstated
        putOnHold
        source
        finishedAt
      }
    }
  }
`);
const APPROVE = graphql(`
  mutation ComplianceHolds2($id: ID!) {
    approveSupplier(id: $id) {
      supplier {
        status
      }
      userErrors {
        code
        message
      }
    }
  }
`);
const RENEW = graphql(`
  mutation ComplianceHolds3($id: ID!, $certificate: InsuranceCertificateInput!) {
    addInsuranceCertificate(supplierId: $id, certificate: $certificate) {
      supplier {
        status
        insuranceStatus
        holds {
          reason
        }
      }
      userErrors {
        code
      }
    }
  }
`);
const DECIDE = graphql(`
  mutation DecideMatch($input: ResolveScreeningMatchInput!) {
    resolveScreeningMatch(input: $input) {
      supplier {
        id
        status
        screening {
          status
        }
        holds {
          reason
        }
      }
      decision {
        decision
        reason
        decidedBy
        screeningStatus
      }
      userErrors {
        field
        code
      }
    }
  }
`);

let graph: TestGraph;
let directory: string;
let leieFile: string;
let previousLeieFile: string | undefined;

/** An LEIE row excluding `supplier` by its business name in its own state. */
function exclusionRow(supplier: DemoSupplier): string {
  const fields = [
    '',
    '',
    '',
    supplier.legalName.toUpperCase(),
    'DME COMPANY',
    'DME - MEDICAL SUPPLIES',
    '',
    '1999999998',
    '00000000',
    supplier.address.line1.toUpperCase(),
    supplier.address.city.toUpperCase(),
    supplier.address.region,
    supplier.address.postalCode.slice(0, 5),
    '1128a1',
    '20261101',
    '00000000',
    '00000000',
    '',
  ];
  return fields.map((field) => `"${field}"`).join(',');
}

async function supplierNow(id: string) {
  const answer = await graph.query(SUPPLIER, { id }, officer);
  expect(answer.errors).toBeUndefined();
  return answer.data!.supplier!;
}

async function decide(supplierId: string, decision: 'CLEARED' | 'CONFIRMED', reason: string, caller: UserCaller = officer) {
  return graph.query(DECIDE, { input: { supplierId, decision, reason } }, caller);
}

/** What the vendor platform sends when a registration is approved there, signed with its secret. */
async function deliverApproval(registrationId: string): Promise<Response> {
  const body = JSON.stringify({
    id: `evt-approve-${registrationId}`,
    type: 'registration.approved',
    createdAt: new Date().toISOString(),
    data: { registration: { id: registrationId } },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  return fetch(`${graph.baseUrl}/webhooks/vendor-platform`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(graph.app.systems.vendorPlatformWebhookSecret, timestamp, body),
    },
    body,
  });
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'compliance-holds-'));
  leieFile = join(directory, 'UPDATED.csv');
  await copyFile(bundledLeieFile, leieFile);
  previousLeieFile = process.env.SCREENING_LEIE_FILE;
  process.env.SCREENING_LEIE_FILE = leieFile;
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
  if (previousLeieFile === undefined) delete process.env.SCREENING_LEIE_FILE;
  else process.env.SCREENING_LEIE_FILE = previousLeieFile;
  await rm(directory, { recursive: true, force: true });
});

describe('a supplier found on the exclusion list', () => {
  it('is held with the exclusion recorded, beside any hold it had, and the run is in the graph', async () => {
    expect(await supplierNow(lapsedSupplier.id)).toMatchObject({ status: 'ON_HOLD', holds: [{ reason: 'INSURANCE_EXPIRED' }] });
    const current = await readFile(leieFile, 'utf8');
    await writeFile(leieFile, `${current.trimEnd()}\n${exclusionRow(activeSupplier)}\n${exclusionRow(lapsedSupplier)}\n`);

    const reloaded = await graph.query(RELOAD, {}, officer);
    expect(reloaded.errors).toBeUndefined();
    const { run, userErrors } = reloaded.data!.reloadExclusionList;
    expect(userErrors).toEqual([]);
    expect(run).toMatchObject({
      trigger: 'MANUAL',
      state: 'COMPLETED',
      newlyExcluded: 2,
      reinstated: 0,
      source: leieFile,
      finishedAt: expect.any(String),
    });
    expect(run!.checked).toBe(
      demoSuppliers.filter((supplier) => ['PENDING_APPROVAL', 'APPROVED', 'ACTIVE', 'ON_HOLD'].includes(supplier.status)).length,
    );

    const active = await supplierNow(activeSupplier.id);
    expect(active).toMatchObject({
      status: 'ON_HOLD',
      screening: { status: 'EXCLUDED' },
      holds: [{ reason: 'SCREENING' }],
      complianceDecisions: [],
    });
    expect(active!.screening.match).toContain(activeSupplier.legalName.toUpperCase());
    expect(await supplierNow(lapsedSupplier.id)).toMatchObject({
      status: 'ON_HOLD',
      screening: { status: 'EXCLUDED' },
      holds: [{ reason: 'INSURANCE_EXPIRED' }, { reason: 'SCREENING' }],
    });

    const runs = await graph.query(
      graphql(`
        query ComplianceHoldsRuns {
          exclusionListRuns(first: 1) {
            totalCount
            nodes {
              trigger
              state
              newlyExcluded
            }
          }
        }
      `),
      {},
      officer,
    );
    expect(runs.data!.exclusionListRuns).toEqual({ totalCount: 1, nodes: [{ trigger: 'MANUAL', state: 'COMPLETED', newlyExcluded: 2 }] });
  });

  it('stays held when its insurance is renewed', async () => {
    const renewed = await graph.query(
      RENEW,
      {
        id: lapsedSupplier.id,
        certificate: {
          type: 'GENERAL_LIABILITY',
          carrier: 'Travelers',
          policyNumber: 'GL-RENEW-1',
          coverageAmount: '2000000',
          expiresOn: '2099-06-30',
        },
      },
      buyer,
    );
    expect(renewed.data!.addInsuranceCertificate).toEqual({
      supplier: { status: 'ON_HOLD', insuranceStatus: 'VALID', holds: [{ reason: 'SCREENING' }] },
      userErrors: [],
    });
  });

  it('stays held when procurement approves it', async () => {
    const approved = await graph.query(APPROVE, { id: activeSupplier.id }, buyer);
    expect(approved.data!.approveSupplier.supplier).toBeNull();
    expect(approved.data!.approveSupplier.userErrors).toEqual([
      {
        code: 'SCREENING_HOLD',
        message: `Supplier ${activeSupplier.supplierNumber} is held for an exclusion-list match (EXCLUDED); compliance must decide on it before it can be approved`,
      },
    ]);
    expect((await supplierNow(activeSupplier.id)).status).toBe('ON_HOLD');
  });

  it('stays held when the vendor platform approves its registration', async () => {
    const response = await deliverApproval(activeSupplier.vendorPlatform.registrationId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ outcome: 'NOT_APPLIED', supplierId: activeSupplier.id, errors: ['SCREENING_HOLD'] });
    expect((await supplierNow(activeSupplier.id)).status).toBe('ON_HOLD');
    // The refused approval is in the audit log, as a refused mutation in the graph would be.
    const audit = await graph.query(
      graphql(`
        query PlatformDecisionAudit($filter: AuditEventFilter) {
          auditEvents(first: 10, filter: $filter) {
            nodes {
              actor
              role
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
      `),
      { filter: { actor: 'vendor-platform', recordId: activeSupplier.id } },
      officer,
    );
    expect(audit.data!.auditEvents.nodes).toEqual([
      {
        actor: 'vendor-platform',
        role: 'integration',
        kind: 'MUTATION',
        operation: 'registration.approved',
        recordType: 'Supplier',
        recordId: activeSupplier.id,
        outcome: 'USER_ERROR',
        detail: { codes: ['SCREENING_HOLD'] },
      },
    ]);
  });

  it('changes only by a compliance decision, which is kept with who and why and is in the audit log', async () => {
    const byBuyer = await decide(activeSupplier.id, 'CLEARED', 'Looks fine to me', buyer);
    expect(byBuyer.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await decide(activeSupplier.id, 'CLEARED', '   ')).toMatchObject({
      data: { resolveScreeningMatch: { supplier: null, userErrors: [{ field: ['input', 'reason'], code: 'REQUIRED' }] } },
    });

    const confirmed = await decide(activeSupplier.id, 'CONFIRMED', 'Same NPI as the exclusion');
    expect(confirmed.data!.resolveScreeningMatch).toEqual({
      supplier: { id: activeSupplier.id, status: 'ON_HOLD', screening: { status: 'EXCLUDED' }, holds: [{ reason: 'SCREENING' }] },
      decision: { decision: 'CONFIRMED', reason: 'Same NPI as the exclusion', decidedBy: officer.subject, screeningStatus: 'EXCLUDED' },
      userErrors: [],
    });
    const cleared = await decide(activeSupplier.id, 'CLEARED', 'OIG confirmed: a different company with the same name');
    expect(cleared.data!.resolveScreeningMatch.supplier).toEqual({
      id: activeSupplier.id,
      status: 'ACTIVE',
      screening: { status: 'CLEAR' },
      holds: [],
    });
    expect((await supplierNow(activeSupplier.id)).complianceDecisions).toEqual([
      { decision: 'CONFIRMED', reason: 'Same NPI as the exclusion', decidedBy: officer.subject, screeningStatus: 'EXCLUDED' },
      {
        decision: 'CLEARED',
        reason: 'OIG confirmed: a different company with the same name',
        decidedBy: officer.subject,
        screeningStatus: 'EXCLUDED',
      },
    ]);

    const audit = await graph.query(
      graphql(`
        query ComplianceHoldsAudit($filter: AuditEventFilter) {
          auditEvents(first: 10, filter: $filter) {
            nodes {
              actor
              role
              operation
              recordType
              recordId
              outcome
              detail {
                operationName
              }
            }
          }
        }
      `),
      { filter: { actor: officer.subject, operation: 'resolveScreeningMatch' } },
      officer,
    );
    const decisionRow = {
      actor: officer.subject,
      role: 'compliance',
      operation: 'resolveScreeningMatch',
      recordType: 'Supplier',
      recordId: activeSupplier.id,
      detail: { operationName: 'DecideMatch' },
    };
    // Newest first: the clearance, the confirmation, the attempt without a reason.
    expect(audit.data!.auditEvents.nodes).toEqual([
      { ...decisionRow, outcome: 'SUCCEEDED' },
      { ...decisionRow, outcome: 'SUCCEEDED' },
      { ...decisionRow, outcome: 'USER_ERROR' },
    ]);
  });

  it('is not held again for the match compliance cleared, and the other supplier is released only when its last hold clears', async () => {
    const again = await graph.query(RELOAD, {}, officer);
    expect(again.data!.reloadExclusionList.run).toMatchObject({ state: 'COMPLETED', newlyExcluded: 0, putOnHold: 0 });
    expect((await supplierNow(activeSupplier.id)).status).toBe('ACTIVE');

    expect((await decide(lapsedSupplier.id, 'CLEARED', 'Different tax id and address')).data!.resolveScreeningMatch.supplier).toEqual({
      id: lapsedSupplier.id,
      status: 'ACTIVE',
      screening: { status: 'CLEAR' },
      holds: [],
    });
    expect((await decide(lapsedSupplier.id, 'CLEARED', 'Again')).data!.resolveScreeningMatch.userErrors).toEqual([
      { field: ['input', 'supplierId'], code: 'NO_SCREENING_HOLD' },
    ]);
  });
});
