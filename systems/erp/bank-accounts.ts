import { Router } from 'express';
import { z } from 'zod';
import { isoDate, HttpError, maskAllButLastFour, dateInput, parseInput } from '@procuregraph/reference-http';
import { recordEvent } from './business-events.ts';
import type { ErpContext } from './context.ts';
import { ErpErrorCode } from './fusion-errors.ts';
import { BASE_PATH, fullView, itemView, type ResourceDescriptor } from './rest/resource-reader.ts';
import { OPEN_ENDED_DATE, nextNumber, type ErpBankAccount, type ErpBankAccountOwner, type ErpState } from './state.ts';

const ACCOUNT_ATTRIBUTES = [
  'BankAccountId',
  'BankAccountNumber',
  'BankAccountName',
  'AccountType',
  'BankName',
  'BankBranchName',
  'BankBranchNumber',
  'CountryCode',
  'CurrencyCode',
  'StartDate',
  'EndDate',
  'CreationDate',
  'LastUpdateDate',
] as const satisfies readonly (keyof ErpBankAccount)[];

const OWNER_ATTRIBUTES = [
  'AccountOwnerId',
  'AccountOwnerPartyIdentifier',
  'AccountOwnerPartyName',
  'PrimaryOwnerIndicator',
  'StartDate',
  'EndDate',
] as const satisfies readonly (keyof ErpBankAccountOwner)[];

/** The full account number never leaves the ERP: every read shows `XXXXXX1234`. */
export function bankAccountsResource(state: ErpState): ResourceDescriptor<ErpBankAccount> {
  return {
    name: 'externalBankAccounts',
    key: 'BankAccountId',
    attributes: ACCOUNT_ATTRIBUTES,
    children: [{ name: 'accountOwners', key: 'AccountOwnerId', attributes: OWNER_ATTRIBUTES, children: [] }],
    rows: () => state.bankAccounts.all(),
    view: (row) => ({ ...row, BankAccountNumber: maskAllButLastFour(row.BankAccountNumber) }),
  };
}

/** ABA check: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
function isRoutingNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  return digits.reduce((total, digit, index) => total + digit * (weights[index] ?? 0), 0) % 10 === 0;
}

const accountNumber = z.string().regex(/^\d{4,17}$/, { message: 'must be 4 to 17 digits' });
const optionalText = z.string().trim().max(360).nullable().optional();

const createAccountBody = z
  .object({
    BankAccountNumber: accountNumber,
    BankBranchNumber: z.string(),
    AccountType: z.enum(['CHECKING', 'SAVINGS']),
    BankAccountName: optionalText,
    BankName: optionalText,
    BankBranchName: optionalText,
    CountryCode: z.string().length(2).default('US'),
    CurrencyCode: z.string().length(3).default('USD'),
    StartDate: dateInput.optional(),
    accountOwners: z
      .array(z.object({ AccountOwnerPartyIdentifier: z.number().int(), PrimaryOwnerIndicator: z.enum(['Y', 'N']).default('Y') }).strict())
      .min(1),
  })
  .strict();

const updateAccountBody = z
  .object({
    BankAccountNumber: accountNumber,
    BankBranchNumber: z.string(),
    AccountType: z.enum(['CHECKING', 'SAVINGS']),
    BankAccountName: optionalText,
    BankName: optionalText,
    BankBranchName: optionalText,
    EndDate: dateInput,
  })
  .partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one attribute to change' });

function checkRoutingNumber(value: string | undefined): void {
  if (value !== undefined && !isRoutingNumber(value)) {
    throw new HttpError(400, ErpErrorCode.routingNumberInvalid, `The routing transit number ${JSON.stringify(value)} is not valid.`);
  }
}

function checkNotDuplicate(
  state: ErpState,
  account: { BankAccountId?: number; BankBranchNumber: string; BankAccountNumber: string },
): void {
  const duplicate = state.bankAccounts
    .all()
    .some(
      (row) =>
        row.BankAccountId !== account.BankAccountId &&
        row.BankBranchNumber === account.BankBranchNumber &&
        row.BankAccountNumber === account.BankAccountNumber,
    );
  if (duplicate)
    throw new HttpError(
      400,
      ErpErrorCode.bankAccountExists,
      'An external bank account with this routing and account number already exists.',
    );
}

function createAccount(state: ErpState, body: z.output<typeof createAccountBody>): ErpBankAccount {
  checkRoutingNumber(body.BankBranchNumber);
  checkNotDuplicate(state, body);
  const startDate = body.StartDate ?? isoDate(new Date());
  const owners = body.accountOwners.map((owner): ErpBankAccountOwner => {
    const supplier = state.suppliers.find((candidate) => candidate.SupplierPartyId === owner.AccountOwnerPartyIdentifier);
    if (!supplier)
      throw new HttpError(
        400,
        ErpErrorCode.accountOwnerNotFound,
        `No party ${owner.AccountOwnerPartyIdentifier} exists to own the account.`,
      );
    return {
      AccountOwnerId: nextNumber(state.sequences, 'id'),
      AccountOwnerPartyIdentifier: owner.AccountOwnerPartyIdentifier,
      AccountOwnerPartyName: supplier.Supplier,
      PrimaryOwnerIndicator: owner.PrimaryOwnerIndicator,
      StartDate: startDate,
      EndDate: OPEN_ENDED_DATE,
    };
  });
  const now = new Date().toISOString();
  return state.bankAccounts.insert({
    BankAccountId: nextNumber(state.sequences, 'id'),
    BankAccountNumber: body.BankAccountNumber,
    BankAccountName: body.BankAccountName ?? null,
    AccountType: body.AccountType,
    BankName: body.BankName ?? null,
    BankBranchName: body.BankBranchName ?? null,
    BankBranchNumber: body.BankBranchNumber,
    CountryCode: body.CountryCode,
    CurrencyCode: body.CurrencyCode,
    StartDate: startDate,
    EndDate: OPEN_ENDED_DATE,
    CreationDate: now,
    LastUpdateDate: now,
    accountOwners: owners,
  });
}

function updateAccount(state: ErpState, account: ErpBankAccount, body: z.output<typeof updateAccountBody>): void {
  checkRoutingNumber(body.BankBranchNumber);
  checkNotDuplicate(state, {
    BankAccountId: account.BankAccountId,
    BankBranchNumber: body.BankBranchNumber ?? account.BankBranchNumber,
    BankAccountNumber: body.BankAccountNumber ?? account.BankAccountNumber,
  });
  Object.assign(account, body, { LastUpdateDate: new Date().toISOString() });
}

/** External (supplier) bank accounts: create (idempotent) and update. Owners are suppliers' parties. */
export function bankAccountsRouter(context: ErpContext): Router {
  const { state } = context;
  const resource = bankAccountsResource(state);
  const accountChanged = (account: ErpBankAccount, type: 'ExternalBankAccountCreated' | 'ExternalBankAccountUpdated') => {
    recordEvent(context, { type, resourceName: resource.name, resourceId: account.BankAccountId, resource: fullView(resource, account) });
    context.changed();
  };
  const router = Router();

  router.post(`${BASE_PATH}/externalBankAccounts`, context.idempotent, (request, response) => {
    const account = createAccount(state, parseInput(createAccountBody, request.body, ErpErrorCode.badRequest));
    accountChanged(account, 'ExternalBankAccountCreated');
    response.status(201).json(itemView(resource, account));
  });

  router.patch(`${BASE_PATH}/externalBankAccounts/:BankAccountId`, (request, response) => {
    const account = state.bankAccounts.get(Number(request.params.BankAccountId));
    if (!account)
      throw new HttpError(404, ErpErrorCode.notFound, `The external bank account ${request.params.BankAccountId} does not exist.`);
    updateAccount(state, account, parseInput(updateAccountBody, request.body, ErpErrorCode.badRequest));
    accountChanged(account, 'ExternalBankAccountUpdated');
    response.json(itemView(resource, account));
  });
  return router;
}
