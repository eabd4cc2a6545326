import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '@procuregraph/demo';
import type { UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { graphql } from '../generated/gql.ts';
import type { OnboardSupplierInput } from '../generated/graphql.ts';
import { startTestGraph, type GraphQLResponse, type TestGraph } from '../harness.ts';

/**
 * Hostile strings in every free-text input: stored and returned exactly as sent (they are data,
 * never SQL or markup to us), the tables intact afterwards. A NUL byte, which PostgreSQL text
 * cannot hold, is refused as BAD_USER_INPUT rather than failing inside the database.
 */
const payloads = {
  sql: "'; DROP TABLE suppliers.suppliers; --",
  script: '<script>alert(1)</script>',
  quote: '" OR 1=1 --',
  unicode: 'Ærøskøbing Médical — 医療用品 🏥 ﷺ',
} as const;
const NUL = 'nul\u0000byte';

const world = createWorld({ scale: 'default' });
const activeSupplier = [...world.suppliers()].find((supplier) => supplier.status === 'ACTIVE' && supplier.erp !== null)!;
const buyer: UserCaller = { kind: 'staff', subject: 'buyer@network.example', role: 'procurement' };
const finance: UserCaller = { kind: 'staff', subject: 'ap@network.example', role: 'finance' };

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

const ONBOARD = graphql(`
  mutation OnboardHostile($input: OnboardSupplierInput!) {
    onboardSupplier(input: $input) {
      supplier {
        id
        legalName
        dbaName
        address {
          line1
          line2
          city
        }
        contact {
          name
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

const SEARCH = graphql(`
  query SearchHostile($search: String) {
    suppliers(first: 10, filter: { search: $search }) {
      totalCount
      nodes {
        id
        legalName
      }
    }
  }
`);

let taxIdSequence = 0;

/** A valid registration, unique each time (TIN, name and address differ), with the given text fields. */
function registration(text: {
  legalName?: string;
  dbaName?: string;
  line1?: string;
  line2?: string;
  city?: string;
  contactName?: string;
}): OnboardSupplierInput {
  taxIdSequence += 1;
  const unique = randomUUID().slice(0, 8);
  return {
    legalName: text.legalName ?? `Probe Supplies ${unique} LLC`,
    dbaName: text.dbaName ?? null,
    taxId: `47-22${String(taxIdSequence).padStart(5, '0')}`,
    category: 'MEDICAL_SURGICAL',
    address: {
      line1: text.line1 ?? `${taxIdSequence} Probe Way`,
      line2: text.line2 ?? null,
      city: text.city ?? 'Chicago',
      region: 'IL',
      postalCode: '60611',
      country: 'US',
    },
    contact: { name: text.contactName ?? 'Dana Ruiz', email: `probe-${unique}@probe.example`, phone: '(312) 555-0142' },
    bankAccount: { routingNumber: '011000015', accountNumber: `0009876${String(taxIdSequence).padStart(5, '0')}`, accountType: 'CHECKING' },
    insuranceCertificates: [
      { type: 'GENERAL_LIABILITY', carrier: 'Travelers', policyNumber: 'GL-1', coverageAmount: '2000000', expiresOn: '2099-06-30' },
      { type: 'WORKERS_COMPENSATION', carrier: 'Travelers', policyNumber: 'WC-1', coverageAmount: '1000000', expiresOn: '2099-06-30' },
    ],
  };
}

async function tablesIntact(): Promise<number> {
  const [row] = await executeSql<{ suppliers: number }>(graph.app.client, 'select count(*)::int as suppliers from suppliers.suppliers');
  return row!.suppliers;
}

describe.each(Object.entries(payloads))('the %s string', (_kind, payload) => {
  it('is stored and returned verbatim in every onboarding text field', async () => {
    const before = await tablesIntact();
    const answer = await graph.query(
      ONBOARD,
      { input: registration({ dbaName: payload, line1: payload, line2: payload, city: payload, contactName: payload }) },
      buyer,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.onboardSupplier.userErrors).toEqual([]);
    const supplier = answer.data!.onboardSupplier.supplier!;
    expect(supplier).toMatchObject({
      dbaName: payload,
      address: { line1: payload, line2: payload, city: payload },
      contact: { name: payload },
    });
    const { data } = await graph.query(
      graphql(`
        query HostileTextBack($id: ID!) {
          supplier(id: $id) {
            dbaName
            address {
              line1
              line2
              city
            }
            contact {
              name
            }
          }
        }
      `),
      { id: supplier.id },
    );
    expect(data!.supplier).toEqual({
      dbaName: payload,
      address: { line1: payload, line2: payload, city: payload },
      contact: { name: payload },
    });
    expect(await tablesIntact()).toBe(before + 1);
  });

  it('is kept verbatim in a legal name, and found by search as text', async () => {
    const legalName = `${payload} Probe LLC`;
    const answer = await graph.query(ONBOARD, { input: registration({ legalName }) }, buyer);
    expect(answer.data!.onboardSupplier.userErrors).toEqual([]);
    expect(answer.data!.onboardSupplier.supplier!.legalName).toBe(legalName);
    const found = await graph.query(SEARCH, { search: legalName });
    expect(found.data!.suppliers).toEqual({ totalCount: 1, nodes: [{ id: answer.data!.onboardSupplier.supplier!.id, legalName }] });
    // The bare payload is in this supplier's legal name only (the first test put it in other fields).
    const searchedRaw = await graph.query(SEARCH, { search: payload });
    expect(searchedRaw.data!.suppliers.totalCount).toBe(1);
  });

  it('is kept verbatim as a rejection reason', async () => {
    const onboarded = await graph.query(ONBOARD, { input: registration({}) }, buyer);
    const id = onboarded.data!.onboardSupplier.supplier!.id;
    const rejected = await graph.query(
      graphql(`
        mutation RejectHostile($id: ID!, $reason: String!) {
          rejectSupplier(id: $id, reason: $reason) {
            supplier {
              status
              rejectionReason
            }
            userErrors {
              code
            }
          }
        }
      `),
      { id, reason: payload },
      buyer,
    );
    expect(rejected.data!.rejectSupplier).toEqual({ supplier: { status: 'REJECTED', rejectionReason: payload }, userErrors: [] });
  });

  it('is kept verbatim as a purchase-order line description', async () => {
    const answer = await graph.query(
      graphql(`
        mutation IssueHostileLine($input: IssuePurchaseOrderInput!) {
          issuePurchaseOrder(input: $input) {
            purchaseOrder {
              id
              lines {
                description
              }
            }
            userErrors {
              code
            }
          }
        }
      `),
      {
        input: {
          supplierId: activeSupplier.id,
          idempotencyKey: randomUUID(),
          lines: [{ itemNumber: 'SUT-4-0-VIC', description: payload, quantity: '1', unitOfMeasure: 'BX', unitPrice: '1.00' }],
        },
      },
      buyer,
    );
    expect(answer.data!.issuePurchaseOrder.userErrors).toEqual([]);
    expect(answer.data!.issuePurchaseOrder.purchaseOrder!.lines).toEqual([{ description: payload }]);
  });

  it('is kept verbatim as an invoice number', async () => {
    const answer = await graph.query(
      graphql(`
        mutation SubmitHostileInvoice($input: SubmitInvoiceInput!) {
          submitInvoice(input: $input) {
            invoice {
              id
              invoiceNumber
            }
            userErrors {
              code
            }
          }
        }
      `),
      {
        input: {
          supplierId: activeSupplier.id,
          invoiceNumber: payload,
          invoiceDate: '2025-03-01',
          lines: [{ lineNumber: 1, itemNumber: 'SUT-4-0-VIC', quantity: '1', unitPrice: '1.00' }],
        },
      },
      finance,
    );
    expect(answer.data!.submitInvoice.userErrors).toEqual([]);
    expect(answer.data!.submitInvoice.invoice!.invoiceNumber).toBe(payload);
    const { data } = await graph.query(
      graphql(`
        query HostileInvoiceBack($id: ID!) {
          invoice(id: $id) {
            invoiceNumber
          }
        }
      `),
      { id: answer.data!.submitInvoice.invoice!.id },
    );
    expect(data!.invoice!.invoiceNumber).toBe(payload);
  });
});

describe('a NUL byte', () => {
  it.each<[string, () => Promise<GraphQLResponse<unknown>>]>([
    ['onboardSupplier', () => graph.query(ONBOARD, { input: registration({ dbaName: NUL }) }, buyer)],
    ['suppliers search', () => graph.query(SEARCH, { search: NUL }, buyer)],
  ])('in %s is refused as BAD_USER_INPUT, nothing stored', async (_name, send) => {
    const before = await tablesIntact();
    const answer = await send();
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await tablesIntact()).toBe(before);
  });
});
