import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, subscribe } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { UserCaller } from '../auth/tokens.ts';
import { repositoryRoot } from '../config.ts';
import { enforceRoleDirectives } from './authorization-directive.ts';

/**
 * The enforcement on a small subgraph built like ours (its SDL followed by schema/shared.graphql,
 * where @requiresRole is declared): field rules, type rules, entity fetches and subscriptions.
 */
const shared = readFileSync(join(repositoryRoot, 'schema', 'shared.graphql'), 'utf8');
const typeDefs = parse(`
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])
type Query {
  open: String
  ledger: String @requiresRole(anyOf: [finance])
  vault(id: ID!): Vault
}
type Mutation { pay: String! @requiresRole(anyOf: [finance, supplier]) }
type Subscription { ticks: Int! @requiresRole(anyOf: [integration]) }
"Every field of a vault is for compliance; its key too, so an entity fetch reveals nothing."
type Vault @key(fields: "id") @requiresRole(anyOf: [compliance]) {
  id: ID!
  secret: String
}
${shared}`);

let resolverRuns = 0;
const schema = enforceRoleDirectives(
  buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Query: {
        open: () => 'open',
        ledger: () => 'ledger',
        vault: (_source: unknown, args: { id: string }) => ({ id: args.id, secret: 's' }),
      },
      Mutation: { pay: () => ((resolverRuns += 1), 'paid') },
      Subscription: {
        ticks: {
          subscribe: async function* () {
            yield { ticks: 1 };
          },
        },
      },
      Vault: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, secret: 's' }) },
    } as never,
  }),
);

const as = (role: UserCaller['role']): UserCaller =>
  role === 'supplier'
    ? { kind: 'supplier', subject: 's', role, supplierId: '0193477d-8653-7001-8000-000000000000' }
    : { kind: 'staff', subject: role, role };

async function run(source: string, caller: UserCaller, variableValues?: Record<string, unknown>) {
  return JSON.parse(JSON.stringify(await graphql({ schema, source, variableValues, contextValue: { caller } })));
}

describe('@requiresRole', () => {
  it('answers a guarded field to a role it names, and to admin', async () => {
    expect(await run('{ open ledger }', as('finance'))).toEqual({ data: { open: 'open', ledger: 'ledger' } });
    expect(await run('{ ledger }', as('admin'))).toEqual({ data: { ledger: 'ledger' } });
  });

  it('withholds a guarded field from other roles with FORBIDDEN naming the roles, the rest answered', async () => {
    expect(await run('{ open ledger }', as('procurement'))).toEqual({
      data: { open: 'open', ledger: null },
      errors: [
        {
          message: 'Query.ledger needs one of the roles: admin, finance',
          path: ['ledger'],
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
  });

  it('never runs a refused mutation', async () => {
    const before = resolverRuns;
    const refused = await run('mutation { pay }', as('compliance'));
    expect(refused.errors.map((error: { extensions: { code: string } }) => error.extensions.code)).toEqual(['FORBIDDEN']);
    expect(resolverRuns).toBe(before);
    expect(await run('mutation { pay }', as('supplier'))).toEqual({ data: { pay: 'paid' } });
    expect(resolverRuns).toBe(before + 1);
  });

  it('guards every field of a type carrying it, the key included', async () => {
    expect(await run('{ vault(id: "v1") { id secret } }', as('compliance'))).toEqual({ data: { vault: { id: 'v1', secret: 's' } } });
    const refused = await run('{ vault(id: "v1") { secret } }', as('finance'));
    expect(refused).toMatchObject({
      data: { vault: { secret: null } },
      errors: [{ message: 'Vault.secret needs one of the roles: admin, compliance', path: ['vault', 'secret'] }],
    });
  });

  it('keeps guarding a type reached through an entity fetch', async () => {
    const document = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Vault { id secret } } }';
    const representations = [{ __typename: 'Vault', id: 'v1' }];
    expect(await run(document, as('compliance'), { representations })).toEqual({ data: { _entities: [{ id: 'v1', secret: 's' }] } });
    const refused = await run(document, as('supplier'), { representations });
    // The refused key is non-null, so the whole entity is null: nothing of it reaches the gateway.
    expect(refused.data).toEqual({ _entities: [null] });
    expect(refused.errors.map((error: { path: unknown[]; extensions: { code: string } }) => [error.path, error.extensions.code])).toEqual([
      [['_entities', 0, 'id'], 'FORBIDDEN'],
    ]);
  });

  it('refuses a subscription before it starts', async () => {
    const refused = await subscribe({ schema, document: parse('subscription { ticks }'), contextValue: { caller: as('finance') } });
    expect(JSON.parse(JSON.stringify(refused))).toMatchObject({
      errors: [{ message: 'Subscription.ticks needs one of the roles: admin, integration', extensions: { code: 'FORBIDDEN' } }],
    });
    const allowed = await subscribe({ schema, document: parse('subscription { ticks }'), contextValue: { caller: as('integration') } });
    const first = await (allowed as AsyncGenerator<unknown>).next();
    expect(first.value).toEqual({ data: { ticks: 1 } });
  });
});
