import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { graphql } from '../generated/gql.ts';
import { listening, startTestGraph, type TestGraph } from '../harness.ts';
import { browserScene, haveChromium, screenshots, seriousViolations } from './browser.ts';

/** GraphiQL at /graphql, served by Procuregraph itself: a query over HTTP and a subscription over graphql-ws. */

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

describe('GraphiQL over HTTP', () => {
  it('answers a browser with GraphiQL, and an API client with the API', async () => {
    const page = await fetch(graph.graphqlUrl, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<title>Procuregraph GraphiQL</title>');
    expect(html).not.toContain('apollographql.com');
    const api = await fetch(`${graph.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(api.status).toBe(401);
    expect(((await api.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe.skipIf(!haveChromium)('GraphiQL in a browser', () => {
  const scene = browserScene();
  let page: Page;

  beforeAll(async () => {
    const token = await graph.tokenFor({ kind: 'staff', subject: 'graphiql-admin', role: 'admin' });
    // What a person would paste into the editors, put where GraphiQL keeps them.
    await scene.context.addInitScript((authorization) => {
      if (localStorage.getItem('graphiql:tabState')) return;
      localStorage.setItem('graphiql:headers', JSON.stringify({ authorization }));
      localStorage.setItem(
        'graphiql:query',
        'query GraphiQLSuppliers { suppliers(first: 2, filter: { status: PENDING_APPROVAL }) { nodes { id status } } }',
      );
    }, `Bearer ${token}`);
    page = await scene.context.newPage();
    await page.goto(graph.graphqlUrl);
    await page.locator('.graphiql-execute-button').waitFor();
  });

  it('runs a query with the token header', async () => {
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 20_000 }).toContain('"PENDING_APPROVAL"');
    // GraphiQL's own tab list puts a close button inside each tab (upstream markup, not ours to change).
    expect(await seriousViolations(page)).toEqual([
      { id: 'nested-interactive', impact: 'serious', help: 'Interactive controls must not be nested', targets: ['li'] },
    ]);
    await screenshots(page, 'graphiql');
  });

  it('runs a subscription over the gateway WebSocket with the same token', async () => {
    const { data } = await graph.query(
      graphql(`
        query GraphiQLTestPending {
          suppliers(first: 1, filter: { status: PENDING_APPROVAL }) {
            nodes {
              id
            }
          }
        }
      `),
    );
    const pending = data!.suppliers.nodes[0]!.id;
    await page.evaluate(() => {
      const state = JSON.parse(localStorage.getItem('graphiql:tabState')!);
      state.tabs[state.activeTabIndex].query = 'subscription GraphiQLSupplierStatus { supplierStatusChanged { status supplier { id } } }';
      localStorage.setItem('graphiql:tabState', JSON.stringify(state));
      localStorage.setItem('graphiql:query', state.tabs[state.activeTabIndex].query);
    });
    await page.reload();
    await page.locator('.graphiql-execute-button').waitFor();
    const before = graph.app.events.subscriberCount;
    await page.locator('.graphiql-execute-button').click();
    await listening(graph.app, before);
    const approved = await graph.query(
      graphql(`
        mutation GraphiQLTestApprove($id: ID!) {
          approveSupplier(id: $id) {
            userErrors {
              code
            }
          }
        }
      `),
      { id: pending },
    );
    expect(approved.data!.approveSupplier.userErrors).toEqual([]);
    await expect.poll(() => page.locator('.graphiql-response').textContent(), { timeout: 20_000 }).toContain(pending);
    // Approved, then ACTIVE once the backing systems have it: GraphiQL shows the latest event.
    expect(await page.locator('.graphiql-response').textContent()).toMatch(/"status":\s+"(APPROVED|ACTIVE)"/);
  });

  it('made no request beyond this machine', () => {
    expect(scene.refused).toEqual([]);
  });
});
