import { testSubgraphDependencies } from '@procuregraph/test';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { enforceRoleDirectives } from '@procuregraph/platform/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import { graphql } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabaseClient, openDatabaseClient, type DatabaseClient, createServiceDatabase } from '@procuregraph/platform/db';
import { startEventBus, type EventBus } from '@procuregraph/platform/events';
import { createLogger } from '@procuregraph/platform/logging';
import type { UserCaller } from '@procuregraph/platform/auth';
import { migrationsFolder, suppliersSubgraph } from './service.ts';
import type { SuppliersContext } from './context.ts';

let client: DatabaseClient;
let events: EventBus;
/** An operation's source, carrying the shape of its data so `run` returns it typed. */
type Operation<Data> = string & { readonly data?: Data };
interface RunResult<Data> {
  data: Data;
  errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}
let run: <Data>(document: Operation<Data>, variables: Record<string, unknown>, caller: UserCaller) => Promise<RunResult<Data>>;

const procurement: UserCaller = { kind: 'staff', subject: 'buyer-1', role: 'procurement' };
const finance: UserCaller = { kind: 'staff', subject: 'ap-1', role: 'finance' };
const admin: UserCaller = { kind: 'staff', subject: 'admin-1', role: 'admin' };

beforeAll(async () => {
  client = await openDatabaseClient({});
  const service = createServiceDatabase(client, 'suppliers');
  await service.migrate(migrationsFolder);
  events = await startEventBus({ client, logger: createLogger('suppliers') });
  const definition = suppliersSubgraph(testSubgraphDependencies({ db: service.db, client, events }));
  const schema = enforceRoleDirectives(
    buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
  );
  run = async <Data>(document: Operation<Data>, variables: Record<string, unknown>, caller: UserCaller) =>
    JSON.parse(
      JSON.stringify(
        await graphql({
          schema,
          source: document,
          variableValues: variables,
          contextValue: definition.createContext(caller) satisfies SuppliersContext,
        }),
      ),
    ) as RunResult<Data>;
});

afterAll(async () => {
  await events?.close();
  await closeDatabaseClient(client);
});

const ONBOARD: Operation<{
  onboardSupplier: {
    supplier: { id: string; bankAccount: { routingNumber: string; accountNumberMasked: string; accountType: string } | null } | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
}> = `mutation Onboard($input: OnboardSupplierInput!) {
  onboardSupplier(input: $input) {
    supplier { id supplierNumber legalName status taxIdMasked bankAccount { routingNumber accountNumberMasked accountType }
      contact { email phone } address { region postalCode } screening { status } insuranceStatus insuranceExpiresSoon
      insuranceCertificates { type coverageAmount { amount currency } expiresOn } }
    userErrors { field message code }
  }
}`;

const input = {
  legalName: 'Summit Biomedical Services, Incorporated',
  taxId: '47-2210934',
  category: 'BIOMEDICAL_EQUIPMENT_SERVICE',
  address: { line1: '2500 Lake Cook Rd', city: 'Riverwoods', region: 'il', postalCode: '60015' },
  contact: { name: 'Jordan Lee', email: 'Jordan.Lee@SummitBiomed.example', phone: '847 555 0123' },
  bankAccount: { routingNumber: '071000013', accountNumber: '000123456789', accountType: 'CHECKING' },
  insuranceCertificates: [
    { type: 'GENERAL_LIABILITY', carrier: 'Zurich', policyNumber: 'GL-5512', coverageAmount: '1000000', expiresOn: '2099-01-31' },
    { type: 'PROFESSIONAL_LIABILITY', carrier: 'Zurich', policyNumber: 'PL-5513', coverageAmount: '2000000', expiresOn: '2099-01-31' },
  ],
  idempotencyKey: 'onboard-summit-1',
};

describe('the onboarding mutations', () => {
  it('onboards, returning only masked values, bank details only to whoever may see them', async () => {
    const result = await run(ONBOARD, { input }, procurement);
    // Procurement onboards but does not see bank details: the field is null with FORBIDDEN.
    expect(result.errors).toEqual([
      expect.objectContaining({ path: ['onboardSupplier', 'supplier', 'bankAccount'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    expect(result.data.onboardSupplier.userErrors).toEqual([]);
    expect(result.data.onboardSupplier.supplier!.bankAccount).toBeNull();
    const again = await run(ONBOARD, { input }, admin);
    expect(again.errors).toBeUndefined();
    expect(again.data.onboardSupplier.supplier!.id).toBe(result.data.onboardSupplier.supplier!.id);
    expect(again.data.onboardSupplier.supplier).toMatchObject({
      legalName: 'Summit Biomedical Services Inc.',
      status: 'PENDING_APPROVAL',
      taxIdMasked: '**-***0934',
      bankAccount: { routingNumber: '071000013', accountNumberMasked: '******6789', accountType: 'CHECKING' },
      contact: { email: 'jordan.lee@summitbiomed.example', phone: '+18475550123' },
      address: { region: 'IL', postalCode: '60015' },
      screening: { status: 'CLEAR' },
      insuranceStatus: 'VALID',
      insuranceExpiresSoon: false,
    });
    expect(JSON.stringify(again)).not.toContain('000123456789');
  });

  it('answers input problems as user errors with field paths', async () => {
    const result = await run(
      ONBOARD,
      { input: { ...input, idempotencyKey: null, taxId: '89-1234567', insuranceCertificates: [input.insuranceCertificates[0]] } },
      procurement,
    );
    expect(result.data.onboardSupplier).toEqual({
      supplier: null,
      userErrors: [
        { field: ['input', 'taxId'], code: 'INVALID_TAX_ID', message: 'The EIN prefix 89 is not an IRS campus prefix' },
        {
          field: ['input', 'insuranceCertificates'],
          code: 'INSURANCE_INSUFFICIENT',
          message: 'A PROFESSIONAL_LIABILITY certificate is required',
        },
      ],
    });
  });

  it('approves for procurement only', async () => {
    const created = await run(ONBOARD, { input: { ...input, idempotencyKey: 'onboard-summit-1' } }, procurement);
    const id = created.data.onboardSupplier.supplier!.id;
    const APPROVE: Operation<{ approveSupplier: { supplier: { status: string } | null; userErrors: { code: string }[] } }> =
      'mutation Approve($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }';
    const forbidden = await run(APPROVE, { id }, finance);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await run(APPROVE, { id }, procurement)).data.approveSupplier).toEqual({ supplier: { status: 'APPROVED' }, userErrors: [] });
    expect((await run(APPROVE, { id: 'not-an-id' }, procurement)).data.approveSupplier.userErrors).toEqual([{ code: 'NOT_FOUND' }]);
  });
});
