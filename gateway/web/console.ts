import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { repositoryRoot } from '@procuregraph/platform/config';
import type { Role, UserCaller } from '@procuregraph/platform/auth';

/**
 * How people sign in to the console. `development` exists only in the embedded default (the
 * all-in-one process on the development key), never in production: it issues a token for any
 * role to whoever asks. `oidc` is the identity provider (authorization code with PKCE, in the
 * browser); the gateway verifies the tokens it issues as it verifies every other.
 */
export type ConsoleSignIn =
  | { kind: 'development'; roles: readonly Role[]; issue(caller: UserCaller): Promise<string> }
  | { kind: 'oidc'; issuer: string; clientId: string; scope: string }
  | { kind: 'none' };

/** The console's own modules, served as they are: no build step. */
const appFolder = join(repositoryRoot, 'gateway', 'web', 'console');

/** The npm packages the console loads in the browser, each from its own folder in node_modules. */
const vendorModules: Readonly<Record<string, { specifier: string; file: string }>> = {
  preact: { specifier: 'preact', file: 'preact' },
  'preact/hooks': { specifier: 'preact/hooks', file: 'preact-hooks' },
  htm: { specifier: 'htm', file: 'htm' },
  'graphql-ws': { specifier: 'graphql-ws/client', file: 'graphql-ws' },
  oauth4webapi: { specifier: 'oauth4webapi', file: 'oauth4webapi' },
};

function resolvedModule(specifier: string): string {
  return fileURLToPath(import.meta.resolve(specifier));
}

const importMap = JSON.stringify({
  imports: Object.fromEntries(
    Object.entries(vendorModules).map(([name, module]) => [
      name,
      `/console/vendor/${module.file}/${resolvedModule(module.specifier).split('/').at(-1)}`,
    ]),
  ),
});

function page(connectSources: string): { html: string; policy: string } {
  const mapHash = createHash('sha256').update(importMap).digest('base64');
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Procuregraph console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/console/app/console.css" />
    <script type="importmap">${importMap}</script>
    <script type="module" src="/console/app/main.js"></script>
  </head>
  <body>
    <div id="console"><p>Loading the console…</p></div>
  </body>
</html>
`;
  // Everything from this origin only: a page of the console cannot reach anywhere else.
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${mapHash}'`,
    `connect-src 'self' ${connectSources}`.trim(),
    "img-src 'self' data:",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  return { html, policy };
}

/** `/console`: the operations console's page, its modules, the libraries it loads, and its sign-in. */
export function consoleRoutes(signIn: ConsoleSignIn): Router {
  const router = express.Router();
  const { html, policy } = page(signIn.kind === 'oidc' ? new URL(signIn.issuer).origin : '');
  router.get('/', (_request, response) => {
    response.type('html').set({ 'content-security-policy': policy, 'cache-control': 'no-cache' }).send(html);
  });
  router.use('/app', express.static(appFolder, { index: false, fallthrough: false }));
  for (const module of Object.values(vendorModules)) {
    router.use(`/vendor/${module.file}`, express.static(dirname(resolvedModule(module.specifier)), { index: false, fallthrough: false }));
  }
  router.get('/config.json', (_request, response) => {
    response.json(
      signIn.kind === 'development'
        ? { signIn: 'development', roles: signIn.roles }
        : signIn.kind === 'oidc'
          ? { signIn: 'oidc', issuer: signIn.issuer, clientId: signIn.clientId, scope: signIn.scope }
          : { signIn: 'none' },
    );
  });
  if (signIn.kind === 'development') router.post('/dev-sign-in', express.json({ limit: 1024 }), developmentSignIn(signIn));
  return router;
}

function developmentSignIn(signIn: Extract<ConsoleSignIn, { kind: 'development' }>): express.RequestHandler {
  return async (request, response) => {
    const { role, supplierId } = (request.body ?? {}) as { role?: unknown; supplierId?: unknown };
    const known = signIn.roles.find((candidate) => candidate === role);
    if (!known) return void response.status(400).json({ code: 'UNKNOWN_ROLE', message: `role must be one of ${signIn.roles.join(', ')}` });
    if (known === 'supplier' && (typeof supplierId !== 'string' || supplierId.trim() === ''))
      return void response.status(400).json({ code: 'SUPPLIER_REQUIRED', message: 'a supplier id is required with the supplier role' });
    const caller: UserCaller =
      known === 'supplier'
        ? { kind: 'supplier', subject: `console-supplier-${String(supplierId)}`, role: 'supplier', supplierId: String(supplierId).trim() }
        : { kind: 'staff', subject: `console-${known}`, role: known };
    response.json({ token: await signIn.issue(caller), role: known });
  };
}
