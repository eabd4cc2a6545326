/**
 * `npm run compose` writes schema/supergraph.graphql from the four subgraph schemas;
 * `npm run compose -- --check` fails when composition fails or the checked-in file is stale.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { repositoryRoot } from '@procuregraph/platform/config';
import { defaultSubgraphUrl, subgraphNames, subgraphTypeDefs } from './subgraphs.ts';

export function composeSupergraph(): string {
  const result = composeServices(
    subgraphNames.map((name) => ({ name, typeDefs: subgraphTypeDefs(name), url: defaultSubgraphUrl(name) })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  ${error.message}`).join('\n')}`);
  }
  return result.supergraphSdl.endsWith('\n') ? result.supergraphSdl : `${result.supergraphSdl}\n`;
}

export const supergraphPath = join(repositoryRoot, 'schema', 'supergraph.graphql');

function main(): void {
  const supergraph = composeSupergraph();
  if (process.argv.includes('--check')) {
    const current = existsSync(supergraphPath) ? readFileSync(supergraphPath, 'utf8') : '';
    if (current !== supergraph) {
      console.error('schema/supergraph.graphql is stale: run `npm run compose` and commit the result.');
      process.exit(1);
    }
    console.log('schema/supergraph.graphql is up to date.');
    return;
  }
  writeFileSync(supergraphPath, supergraph);
  console.log(`Wrote ${supergraphPath}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
