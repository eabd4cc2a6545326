import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '@procuregraph/platform/config';
import { supergraphPath } from '@procuregraph/schema';
import { countNodes, MAX_NODES } from './node-count.ts';
import { queryLimits } from './query-limits.ts';

/**
 * Every operation the README shows passes every query limit, as the contract promises: checked
 * here against the composed schema rather than run, since most of them change data.
 */
const schema = Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();
const blocks = [...readFileSync(join(repositoryRoot, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map(
  (match) => match[1] as string,
);

/** A value for each variable an operation declares: the README's only use ids. */
function variablesOf(operation: OperationDefinitionNode): Record<string, unknown> {
  return Object.fromEntries((operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, 'an id']));
}

describe('the README operations', () => {
  it('are there to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(9);
  });

  it.each(blocks.map((block, index) => [index + 1, block] as const))('in block %i pass the query limits', (_index, block) => {
    const document = parse(block, queryLimits.parseOptions);
    expect(validate(schema, document, queryLimits.validationRules)).toEqual([]);
    for (const operation of document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)) {
      const nodes = countNodes(schema, document, operation, variablesOf(operation));
      expect(nodes).toBeLessThanOrEqual(MAX_NODES);
    }
  });
});
