import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { refusedChanges, type AcceptedChange } from './check-changes.ts';

const before = buildSchema(`
  type Query { supplier(id: ID!): Supplier  suppliers(first: Int): [Supplier!]! }
  type Supplier {
    id: ID!
    legalName: String!
    taxId: String
    dunsNumber: String @deprecated(reason: "Use externalReferences")
    rating: Int
  }
`);

/** The schema with Supplier's fields (besides id) replaced. */
function after(supplierFields: string) {
  return buildSchema(
    `type Query { supplier(id: ID!): Supplier  suppliers(first: Int): [Supplier!]! }\ntype Supplier { id: ID! ${supplierFields} }`,
  );
}

function accepting(path: string, type: string): AcceptedChange[] {
  return [{ path, type, reason: 'agreed with every client', date: '2026-11-24' }];
}

describe('refusedChanges', () => {
  it('refuses removing a field that was not deprecated, even when the removal is accepted', async () => {
    const changed = after('legalName: String! dunsNumber: String @deprecated(reason: "Use externalReferences") rating: Int');
    expect(await refusedChanges(before, changed, accepting('Supplier.taxId', 'FIELD_REMOVED'))).toEqual([
      {
        path: 'Supplier.taxId',
        type: 'FIELD_REMOVED',
        message: "Field 'taxId' was removed from object type 'Supplier'",
        why: 'removed without being @deprecated in the version before',
      },
    ]);
  });

  it('lets an accepted removal of a deprecated field pass', async () => {
    const changed = after('legalName: String! taxId: String rating: Int');
    expect(await refusedChanges(before, changed, accepting('Supplier.dunsNumber', 'FIELD_REMOVED'))).toEqual([]);
  });

  it('refuses removing a deprecated field that is not accepted', async () => {
    const changed = after('legalName: String! taxId: String rating: Int');
    expect((await refusedChanges(before, changed, [])).map((refusal) => [refusal.path, refusal.why])).toEqual([
      ['Supplier.dunsNumber', 'breaking and not listed in schema/accepted-changes.json'],
    ]);
  });

  it('lets an added optional argument pass', async () => {
    const changed = buildSchema(`
      type Query { supplier(id: ID!): Supplier  suppliers(first: Int, search: String): [Supplier!]! }
      type Supplier { id: ID! legalName: String! taxId: String dunsNumber: String @deprecated(reason: "Use externalReferences") rating: Int }
    `);
    expect(await refusedChanges(before, changed, [])).toEqual([]);
  });

  it('refuses a field changing type unless that change is accepted', async () => {
    const changed = after(
      'legalName: String! taxId: String dunsNumber: String @deprecated(reason: "Use externalReferences") rating: Float',
    );
    expect(await refusedChanges(before, changed, [])).toEqual([
      {
        path: 'Supplier.rating',
        type: 'FIELD_TYPE_CHANGED',
        message: "Field 'Supplier.rating' changed type from 'Int' to 'Float'",
        why: 'breaking and not listed in schema/accepted-changes.json',
      },
    ]);
    expect(await refusedChanges(before, changed, accepting('Supplier.rating', 'FIELD_TYPE_CHANGED'))).toEqual([]);
    expect(await refusedChanges(before, changed, accepting('Supplier.legalName', 'FIELD_TYPE_CHANGED'))).toHaveLength(1);
  });
});
