import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { supergraphPath, type SubgraphName } from '@procuregraph/schema';
import { benchDataDir } from '../config.ts';

/**
 * A copy of the checked-in supergraph taken when the run starts, each subgraph's URL pointed at
 * where the benchmark runs it; every gateway under test serves this same file. Returns its path.
 */
export function writeBenchSupergraph(subgraphUrls: Readonly<Record<SubgraphName, string>>): string {
  const text = readFileSync(supergraphPath, 'utf8').replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => {
    const url = subgraphUrls[name as SubgraphName];
    if (!url) throw new Error(`The supergraph names a subgraph ${name} the benchmark does not run`);
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
  const path = join(benchDataDir, 'supergraph.graphql');
  writeFileSync(path, text);
  return path;
}
