/**
 * `npm run build`: every process the product runs, compiled to one JavaScript file each under
 * `dist/`, which the `start:*` scripts run with plain `node`. esbuild bundles the repository's own
 * modules (the workspaces export TypeScript, which plain Node cannot load) and leaves every npm
 * package external, loaded from node_modules as in development, so the build is one file per
 * process, takes about a second, and needs no per-workspace build configuration.
 * `dist/` sits at the repository root on purpose: bundled code finds the schema files and
 * migrations from `repositoryRoot`, the folder above the running file.
 */
import { rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { repositoryRoot } from '@procuregraph/platform/config';

/** Output name → entry point. */
const entryPoints: Readonly<Record<string, string>> = {
  start: 'start.ts',
  gateway: 'gateway/main.ts',
  'subgraph-process': 'runtime/subgraph-process.ts',
  migrate: 'runtime/migrate-cli.ts',
  seed: 'runtime/seed-cli.ts',
  token: 'platform/auth/token-cli.ts',
  erp: 'systems/erp/main.ts',
  'vendor-platform': 'systems/vendor-platform/main.ts',
  'contract-repository': 'systems/contract-repository/main.ts',
};

export const distFolder = join(repositoryRoot, 'dist');

const hoistedPackages = join(repositoryRoot, 'node_modules') + sep;

/**
 * npm packages stay imports; `@procuregraph/*` workspaces (TypeScript) are compiled in. A package
 * a workspace gets in its own node_modules (a version other than the hoisted one, e.g. uuid 14
 * beside Apollo's uuid 9) is imported by its path relative to dist/, so the bundle loads the
 * version the workspace declares rather than whichever one the repository root holds.
 */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@procuregraph/') || args.pluginData === 'resolving') return undefined;
      const resolved = await builder.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'resolving' });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (resolved.external || resolved.path.startsWith(hoistedPackages)) return { path: args.path, external: true };
      return { path: relative(distFolder, resolved.path).split(sep).join('/'), external: true };
    });
  },
};

rmSync(distFolder, { recursive: true, force: true });
const startedAt = Date.now();
await build({
  absWorkingDir: repositoryRoot,
  entryPoints: Object.entries(entryPoints).map(([out, entry]) => ({ in: entry, out })),
  outdir: distFolder,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22.15',
  sourcemap: 'linked',
  plugins: [npmPackagesExternal],
  logLevel: 'warning',
});
console.log(`Built ${Object.keys(entryPoints).length} processes into dist/ in ${Date.now() - startedAt} ms.`);
