/** The supergraph composed from the subgraph schemas, and where the checked-in one lives. */
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { repositoryRoot } from '@procuregraph/platform/config';
import { defaultSubgraphUrl, subgraphNames, subgraphTypeDefs } from './subgraphs.ts';

export function composeSupergraph(): string {
  const result = composeServices(subgraphNames.map((name) => ({ name, typeDefs: subgraphTypeDefs(name), url: defaultSubgraphUrl(name) })));
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
}

export const supergraphPath = join(repositoryRoot, 'schema', 'supergraph.graphql');
