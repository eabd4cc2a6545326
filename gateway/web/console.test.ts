import { afterAll, describe, expect, it } from 'vitest';
import express from 'express';
import { listen, type RunningServer } from '@procuregraph/platform/http';
import { consoleRoutes, type ConsoleSignIn } from './console.ts';

/** What `/console` serves outside the embedded default: no development sign-in, whatever is asked. */

const servers: RunningServer[] = [];

async function serve(signIn: ConsoleSignIn): Promise<string> {
  const app = express();
  app.use('/console', consoleRoutes(signIn));
  const server = await listen(app, 0, '127.0.0.1');
  servers.push(server);
  return server.url;
}

afterAll(async () => {
  for (const server of servers) await server.close();
});

const signInAs = (base: string) =>
  fetch(`${base}/console/dev-sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' });

describe('the console outside the embedded default', () => {
  it('signs in at the identity provider, and has no development sign-in', async () => {
    const base = await serve({
      kind: 'oidc',
      issuer: 'https://login.example.org/realms/hospital',
      clientId: 'procuregraph-console',
      scope: 'openid',
    });
    expect(await (await fetch(`${base}/console/config.json`)).json()).toEqual({
      signIn: 'oidc',
      issuer: 'https://login.example.org/realms/hospital',
      clientId: 'procuregraph-console',
      scope: 'openid',
    });
    expect((await signInAs(base)).status).toBe(404);
    const page = await fetch(`${base}/console`);
    // The page may reach this origin and the identity provider, nothing else.
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' https://login.example.org;");
  });

  it('offers no sign-in at all when none is configured', async () => {
    const base = await serve({ kind: 'none' });
    expect(await (await fetch(`${base}/console/config.json`)).json()).toEqual({ signIn: 'none' });
    expect((await signInAs(base)).status).toBe(404);
  });

  it('serves the libraries the page maps, and nothing else from node_modules', async () => {
    const base = await serve({ kind: 'none' });
    const html = await (await fetch(`${base}/console`)).text();
    const map = JSON.parse(/<script type="importmap">(.*?)<\/script>/.exec(html)![1]!) as { imports: Record<string, string> };
    expect(Object.keys(map.imports)).toEqual(['preact', 'preact/hooks', 'htm', 'graphql-ws', 'oauth4webapi']);
    for (const url of Object.values(map.imports)) {
      const module = await fetch(`${base}${url}`);
      expect([url, module.status, module.headers.get('content-type')]).toEqual([url, 200, 'text/javascript; charset=utf-8']);
    }
    expect((await fetch(`${base}/console/vendor/preact/../package.json`)).status).toBe(404);
    expect((await fetch(`${base}/console/app/main.js`)).status).toBe(200);
    expect((await fetch(`${base}/console/app/nothing.js`)).status).toBe(404);
  });
});
