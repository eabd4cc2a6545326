import { expect } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { graphql } from './generated/gql.ts';
import type { BankAccountInput } from './generated/graphql.ts';
import type { TestGraph } from './harness.ts';

/**
 * A new supplier through the graph, as procurement registers and approves one: complete papers,
 * so nothing but the test's own point stands in its way.
 */

export const buyer: UserCaller = { kind: 'staff', subject: 'onboarding-test-buyer', role: 'procurement' };

export interface NewSupplier {
  legalName: string;
  taxId: string;
  bankAccount: BankAccountInput;
}

/** Registers a supplier with complete papers; returns its id (PENDING_APPROVAL). */
export async function onboardSupplier(graph: TestGraph, supplier: NewSupplier, caller: UserCaller = buyer): Promise<string> {
  const onboarded = await graph.query(
    graphql(`
      mutation TestOnboardSupplier($input: OnboardSupplierInput!) {
        onboardSupplier(input: $input) {
          supplier {
            id
          }
          userErrors {
            code
            message
          }
        }
      }
    `),
    {
      input: {
        ...supplier,
        address: { line1: '4 Quarry Lane', city: 'Boston', region: 'MA', postalCode: '02110', country: 'US' },
        contact: { name: 'Sam Reyes', email: 'sam@example.com', phone: '(617) 555-0177' },
        insuranceCertificates: [
          {
            type: 'GENERAL_LIABILITY',
            carrier: 'Travelers',
            policyNumber: `GL-${supplier.taxId}`,
            coverageAmount: '2000000',
            expiresOn: '2029-06-30',
          },
          {
            type: 'WORKERS_COMPENSATION',
            carrier: 'Travelers',
            policyNumber: `WC-${supplier.taxId}`,
            coverageAmount: '1000000',
            expiresOn: '2029-06-30',
          },
        ],
      },
    },
    caller,
  );
  expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
  return onboarded.data!.onboardSupplier.supplier!.id;
}

/** Approves a supplier: its setup in the backing systems is queued. */
export async function approveSupplier(graph: TestGraph, id: string, caller: UserCaller = buyer): Promise<void> {
  const approved = await graph.query(
    graphql(`
      mutation TestApproveSupplier($id: ID!) {
        approveSupplier(id: $id) {
          userErrors {
            code
          }
        }
      }
    `),
    { id },
    caller,
  );
  expect(approved.data!.approveSupplier.userErrors).toEqual([]);
}

/** Both, one after the other; returns the supplier's id. */
export async function onboardAndApproveSupplier(graph: TestGraph, supplier: NewSupplier, caller: UserCaller = buyer): Promise<string> {
  const id = await onboardSupplier(graph, supplier, caller);
  await approveSupplier(graph, id, caller);
  return id;
}
