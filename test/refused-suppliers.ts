import { expect } from 'vitest';
import { call } from '@procuregraph/reference-http/testing';
import type { BankAccountInput } from './generated/graphql.ts';

/**
 * A supplier the ERP refuses for good, for tests that need a dead letter: its bank account is
 * already another ERP supplier's there, a rejection no retry cures.
 */

const ERP_RESOURCES = '/fscmRestApi/resources/11.13.18.05';

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
