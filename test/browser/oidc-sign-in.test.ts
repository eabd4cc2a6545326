import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startTestGraph, type TestGraph } from '../harness.ts';
import { haveChromium, launchChromium, loopbackContext, screenshots, seriousViolations } from './browser.ts';
import { startIdentityProvider, type IdentityProvider } from './identity-provider.ts';

/**
 * The console's production sign-in in Debian's chromium: authorization code with PKCE at an
 * OpenID provider (a real HTTP server in this test), the token it issues verified by the gateway.
 */

const CLIENT_ID = 'procuregraph-console';
let provider: IdentityProvider;
let graph: TestGraph;
let browser: Browser;
let context: BrowserContext;
let refused: string[];

beforeAll(async () => {
  provider = await startIdentityProvider(CLIENT_ID, { subject: 'ines@hospital.example', role: 'integration' });
  graph = await startTestGraph({
    identityProvider: { issuer: provider.issuer, jwksUrl: provider.jwksUrl, consoleClientId: CLIENT_ID, consoleScope: 'openid' },
  });
  browser = await launchChromium();
  // The provider's certificate is self-signed for this run.
  ({ context, refused } = await loopbackContext(browser, { ignoreHTTPSErrors: true }));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await graph?.close();
  await provider?.close();
});

describe.skipIf(!haveChromium)('console sign-in at the identity provider', () => {
  it('signs in with authorization code and PKCE, and the gateway accepts the token for that role only', async () => {
    const page = await context.newPage();
    await page.goto(`${graph.baseUrl}/console`);
    expect(await page.getByLabel('Role').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'oidc-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).focus();
    await page.keyboard.press('Enter');
    const navigation = page.getByRole('navigation', { name: 'Console pages' });
    await navigation.waitFor();
    expect(provider.tokenRequests).toEqual([{ grantType: 'authorization_code', verifierMatched: true }]);
    // Back at the console without the code in the address.
    expect(page.url()).toBe(`${graph.baseUrl}/console`);
    expect(await page.locator('header .who').textContent()).toBe('integration');
    expect(await navigation.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Suppliers',
      'Integration',
      'Reconciliation',
      'EDI documents',
    ]);
    // The graph answered with the provider's token: the overview has each backing system.
    await page.getByRole('article', { name: 'Backing system ERP' }).waitFor();
    expect(await page.getByRole('article').count()).toBe(3);

    // What only procurement may do is refused for this token, whoever sends it.
    const token = await page.evaluate(() => sessionStorage.getItem('procuregraph-console:session'));
    const refusal = await fetch(graph.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation { approveSupplier(id: "SUP-1") { userErrors { code } } }' }),
    });
    const body = (await refusal.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    await page.close();
  });

  it('made no request beyond this machine', () => {
    expect(refused).toEqual([]);
  });
});
