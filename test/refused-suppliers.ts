import { expect } from 'vitest';
import type { UserCaller } from '@procuregraph/platform/auth';
import { call } from '@procuregraph/reference-http/testing';
import { graphql } from './generated/gql.ts';
import type { BankAccountInput } from './generated/graphql.ts';
import type { TestGraph } from './harness.ts';

/**
 * A supplier the ERP refuses for good, for tests that need a dead letter: its bank account is
 * already another ERP supplier's there, a rejection no retry cures.
 */

const ERP_RESOURCES = '/fscmRestApi/resources/11.13.18.05';
const buyer: UserCaller = { kind: 'staff', subject: 'refused-supplier-buyer', role: 'procurement' };

/** Enters the account on an existing ERP supplier; `release` corrects it there, so a replay goes through. */
export async function takeBankAccountInErp(erpUrl: string, account: BankAccountInput): Promise<{ release(): Promise<void> }> {
  const owners = await call(`${erpUrl}${ERP_RESOURCES}/suppliers?limit=1`);
  const taken = await call(`${erpUrl}${ERP_RESOURCES}/externalBankAccounts`, {
    body: {
      BankAccountNumber: account.accountNumber,
      BankBranchNumber: account.routingNumber,
      AccountType: 'CHECKING',
      accountOwners: [{ AccountOwnerPartyIdentifier: owners.body.items[0].SupplierPartyId }],
    },
  });
  expect(taken.status).toBe(201);
  return {
    async release() {
      const corrected = await call(`${erpUrl}${ERP_RESOURCES}/externalBankAccounts/${taken.body.BankAccountId}`, {
        method: 'PATCH',
        body: { BankAccountNumber: '000999000999', BankBranchNumber: account.routingNumber, AccountType: 'CHECKING' },
      });
      expect(corrected.status).toBe(200);
    },
  };
}

/** Registers a supplier with complete papers as a buyer; returns its id (PENDING_APPROVAL). */
export async function onboardSupplier(graph: TestGraph, legalName: string, taxId: string, bankAccount: BankAccountInput): Promise<string> {
  const onboarded = await graph.query(
    graphql(`
      mutation RefusedSupplierOnboard($input: OnboardSupplierInput!) {
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
        legalName,
        taxId,
        address: { line1: '4 Quarry Lane', city: 'Boston', region: 'MA', postalCode: '02110', country: 'US' },
        contact: { name: 'Sam Reyes', email: 'sam@example.com', phone: '(617) 555-0177' },
        bankAccount,
        insuranceCertificates: [
          {
            type: 'GENERAL_LIABILITY',
            carrier: 'Travelers',
            policyNumber: `GL-${taxId}`,
            coverageAmount: '2000000',
            expiresOn: '2029-06-30',
          },
          {
            type: 'WORKERS_COMPENSATION',
            carrier: 'Travelers',
            policyNumber: `WC-${taxId}`,
            coverageAmount: '1000000',
            expiresOn: '2029-06-30',
          },
        ],
      },
    },
    buyer,
  );
  expect(onboarded.data!.onboardSupplier.userErrors).toEqual([]);
  return onboarded.data!.onboardSupplier.supplier!.id;
}

/** Approves a supplier as a buyer: its setup in the backing systems is queued. */
export async function approveSupplier(graph: TestGraph, id: string): Promise<void> {
  const approved = await graph.query(
    graphql(`
      mutation RefusedSupplierApprove($id: ID!) {
        approveSupplier(id: $id) {
          userErrors {
            code
          }
        }
      }
    `),
    { id },
    buyer,
  );
  expect(approved.data!.approveSupplier.userErrors).toEqual([]);
}
