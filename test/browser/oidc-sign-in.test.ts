import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { consoleScene, haveChromium, screenshots, seriousViolations } from './browser.ts';
import { startIdentityProvider, type IdentityProvider } from './identity-provider.ts';

/**
 * The console's production sign-in in Debian's chromium: authorization code with PKCE at an
 * OpenID provider (a real HTTP server in this test), the token it issues verified by the gateway.
 */

const CLIENT_ID = 'procuregraph-console';
/** Starting the graph, or a 20 s token renewed 5 s before its end, on a busy machine: more than vitest's defaults. */
const RENEWAL_TIMEOUT = 240_000;
let provider: IdentityProvider;

beforeAll(async () => {
  provider = await startIdentityProvider(CLIENT_ID, { subject: 'ines@hospital.example', role: 'integration' });
});

afterAll(async () => {
  await provider?.close();
});

const scene = consoleScene({
  graph: () => ({
    identityProvider: { issuer: provider.issuer, jwksUrl: provider.jwksUrl, consoleClientId: CLIENT_ID, consoleScope: 'openid' },
  }),
  // The provider's certificate is self-signed for this run.
  ignoreHTTPSErrors: true,
  timeoutMs: RENEWAL_TIMEOUT,
});

const tokenOn = (page: Page) => page.evaluate(() => sessionStorage.getItem('procuregraph-console:session'));

describe.skipIf(!haveChromium)('console sign-in at the identity provider', () => {
  it('signs in with authorization code and PKCE, and the gateway accepts the token for that role only', async () => {
    const page = await scene.context.newPage();
    await page.goto(`${scene.graph.baseUrl}/console`);
    expect(await page.getByLabel('Role').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'oidc-sign-in');
    await page.getByRole('button', { name: 'Sign in' }).focus();
    await page.keyboard.press('Enter');
    const navigation = page.getByRole('navigation', { name: 'Console pages' });
    await navigation.waitFor();
    expect(provider.tokenRequests).toEqual([{ grantType: 'authorization_code', verifierMatched: true }]);
    // Back at the console without the code in the address.
    expect(page.url()).toBe(`${scene.graph.baseUrl}/console`);
    expect(await page.locator('header .who').textContent()).toBe('integration');
    expect(await navigation.getByRole('link').allTextContents()).toEqual([
      'Overview',
      'Suppliers',
      'Integration',
      'Reconciliation',
      'EDI documents',
      'Business metrics',
    ]);
    // The graph answered with the provider's token: the overview has each backing system.
    await page.getByRole('article', { name: 'Backing system ERP' }).waitFor();
    expect(await page.getByRole('article').count()).toBe(3);

    // What only procurement may do is refused for this token, whoever sends it.
    const token = await page.evaluate(() => sessionStorage.getItem('procuregraph-console:session'));
    const refusal = await fetch(scene.graph.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation { approveSupplier(id: "SUP-1") { userErrors { code } } }' }),
    });
    const body = (await refusal.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    await page.close();
  });

  it(
    'renews a short-lived token with the refresh token the provider issued, on the same page',
    async () => {
      Object.assign(provider.issuing, { accessTokenSeconds: 20, refreshTokens: true });
      const before = provider.tokenRequests.length;
      const page = await scene.context.newPage();
      await page.goto(`${scene.graph.baseUrl}/console#/reconciliation`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      // Back on the page the person set out from.
      await page.getByRole('heading', { name: 'Reconciliation' }).waitFor();
      const first = await tokenOn(page);
      // Renewed a quarter of its life before it ends (5 s of 20), without the person doing anything.
      await expect
        .poll(() => provider.tokenRequests.slice(before).map((request) => request.grantType), { timeout: 40_000 })
        .toEqual(['authorization_code', 'refresh_token']);
      await expect.poll(() => tokenOn(page)).not.toBe(first);
      const renewed = (await tokenOn(page))!;
      // The next request the page sends carries the new token, which the gateway accepts: a run
      // started from the page, with no reload.
      const reading = page.waitForRequest(
        (candidate) => candidate.url().endsWith('/graphql') && candidate.headers().authorization === `Bearer ${renewed}`,
        { timeout: 30_000 },
      );
      await page.getByRole('button', { name: 'Reconcile CONTRACT_REPOSITORY' }).click();
      const request = await reading;
      const answer = (await (await request.response())!.json()) as { errors?: unknown[]; data?: unknown };
      expect(answer.errors).toBeUndefined();
      expect(page.url()).toBe(`${scene.graph.baseUrl}/console#/reconciliation`);
      expect(await page.getByRole('button', { name: 'Sign in again' }).count()).toBe(0);
      await page.close();
    },
    RENEWAL_TIMEOUT,
  );

  it(
    'asks to sign in again when the provider issued no refresh token, and comes back to the same page',
    async () => {
      Object.assign(provider.issuing, { accessTokenSeconds: 20, refreshTokens: false });
      const page = await scene.context.newPage();
      await page.goto(`${scene.graph.baseUrl}/console#/edi`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'EDI documents' }).waitFor();
      const first = await tokenOn(page);
      const prompt = page.getByRole('alert').filter({ hasText: 'Your sign-in ends at' });
      await prompt.waitFor({ timeout: 40_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshots(page, 'sign-in-again');
      const before = provider.tokenRequests.length;
      await prompt.getByRole('button', { name: 'Sign in again' }).click();
      await expect.poll(() => tokenOn(page), { timeout: 30_000 }).not.toBe(first);
      expect(provider.tokenRequests.slice(before)).toEqual([{ grantType: 'authorization_code', verifierMatched: true }]);
      await page.getByRole('heading', { name: 'EDI documents' }).waitFor();
      expect(page.url()).toBe(`${scene.graph.baseUrl}/console#/edi`);
      expect(await prompt.count()).toBe(0);
      await page.close();
    },
    RENEWAL_TIMEOUT,
  );

  it('made no request beyond this machine', () => {
    expect(scene.refused).toEqual([]);
  });
});
