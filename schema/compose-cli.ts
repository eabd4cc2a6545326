/**
 * `npm run compose` writes schema/supergraph.graphql from the four subgraph schemas;
 * `npm run compose -- --check` fails when composition fails or the checked-in file is stale.
 * A file of its own so that importing `supergraphPath` (the gateway does) never runs it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph, supergraphPath } from './compose.ts';

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

try {
  main();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
