import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { supergraphPath } from '@procuregraph/schema';
import { queryLimits } from '../query-limits.ts';

/**
 * The console is plain JavaScript with no compiler to check its operations against the graph:
 * this does, so a schema change that breaks a page fails here rather than in someone's browser.
 */
const schema = Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();
// Loaded by URL: the console's modules are browser JavaScript, outside the TypeScript program.
const operations = (await import(new URL('./console/operations.js', import.meta.url).href)) as Record<string, unknown>;
// The exported lists (backing systems, drift states) are what the operations are built from, not operations.
const documents = Object.entries(operations).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

describe('the console operations', () => {
  it('are all here, each one named operation with a name of its own', () => {
    const names = documents.map(([, text]) => (parse(text).definitions[0] as OperationDefinitionNode).name?.value);
    expect(documents.map(([name]) => name).sort()).toEqual([
      'APPROVE_INVOICE',
      'APPROVE_SUPPLIER',
      'BUSINESS_METRICS',
      'EDI_DOCUMENTS',
      'EXCEPTION_QUEUE',
      'INTEGRATION_QUEUES',
      'INTEGRATION_SYSTEMS',
      'INVOICE_DETAIL',
      'INVOICE_JOURNEY',
      'INVOICE_RECORD',
      'ONE_SUPPLIER_STATUS_CHANGED',
      'OPERATIONS_CHANGED',
      'ORDER_JOURNEY',
      'ORDER_RECORD',
      'PAYMENT_CHANGED',
      'PAYMENT_JOURNEY',
      'PAYMENT_RECORD',
      'PIPELINE',
      'RECONCILIATION',
      'REJECT_SUPPLIER',
      'REPLAY_DEAD_LETTER',
      'RESOLVE_DRIFT_FINDING',
      'RESOLVE_EXCEPTION',
      'START_RECONCILIATION',
      'SUPPLIER_360',
      'SUPPLIER_JOURNEY',
      'SUPPLIER_STATUS_CHANGED',
    ]);
    expect(names.every((name) => name?.startsWith('Console'))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(documents)('%s is valid against the graph and within its limits', (_name, text) => {
    const document = parse(text);
    expect(document.definitions.map((definition) => definition.kind)).toEqual([Kind.OPERATION_DEFINITION]);
    expect(validate(schema, document, queryLimits.validationRules).map((error) => error.message)).toEqual([]);
  });
});
