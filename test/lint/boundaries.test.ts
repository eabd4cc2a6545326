import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '@procuregraph/platform/config';

/**
 * The import zones of eslint.config.js, each broken on purpose: a file that is never written,
 * linted as if it stood at that path, must fail with the zone's rule.
 */
const eslint = new ESLint({ cwd: repositoryRoot });

async function rulesBrokenBy(path: string, source: string): Promise<(string | null)[]> {
  const [result] = await eslint.lintText(`${source}\n`, { filePath: join(repositoryRoot, path) });
  return result!.messages.map((message) => message.ruleId);
}

const zones: [string, string, string][] = [
  ['a subgraph importing another subgraph', 'subgraphs/suppliers/zone-check.ts', "export * from '@procuregraph/invoicing';"],
  ['the platform importing the gateway', 'platform/db/zone-check.ts', "export * from '@procuregraph/gateway';"],
  ['a connector importing a subgraph', 'connectors/erp/zone-check.ts', "export * from '@procuregraph/suppliers';"],
  ['the gateway importing the runtime', 'gateway/zone-check.ts', "export * from '@procuregraph/runtime';"],
  ['a reference system importing a connector', 'systems/erp/zone-check.ts', "export * from '@procuregraph/connector-erp';"],
  ['production code importing test fixtures', 'subgraphs/suppliers/zone-check.ts', "export * from '@procuregraph/platform/testing';"],
];

describe('the lint boundaries', () => {
  it.each(zones)('refuse %s', { timeout: 60_000 }, async (_what, path, source) => {
    expect(await rulesBrokenBy(path, source)).toContain('import-x/no-restricted-paths');
  });

  it('refuse a package the workspace does not declare', { timeout: 60_000 }, async () => {
    expect(await rulesBrokenBy('subgraphs/suppliers/zone-check.ts', "export * from 'pino';")).toEqual([
      'import-x/no-extraneous-dependencies',
    ]);
  });

  it('let a subgraph import what it declares', { timeout: 60_000 }, async () => {
    expect(await rulesBrokenBy('subgraphs/suppliers/zone-check.ts', "export { newId } from '@procuregraph/platform/db';")).toEqual([]);
  });
});
