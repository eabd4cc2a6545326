import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { until } from '../harness.ts';
import { takeBankAccountInErp } from '../refused-suppliers.ts';
import { onboardAndApproveSupplier } from '../supplier-onboarding.ts';
import { consoleScene, haveChromium } from './browser.ts';

/**
 * The console's operations pages change when the data does, not on a timer: in Debian's chromium
 * through the real graph, every read a page makes after its first is answered to an
 * `operationsChanged` event it received, and time passing alone makes it read nothing.
 */

const scene = consoleScene();

interface Traffic {
  /** The names of the GraphQL operations the page sent over HTTP, in order. */
  reads: string[];
  /** The `operationsChanged` events the page received over its WebSocket. */
  changes: { topic: string; recordId: string | null }[];
}

/** Everything the page says to the graph and hears from it. */
function watch(page: Page): Traffic {
  const traffic: Traffic = { reads: [], changes: [] };
  page.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
    const { query } = request.postDataJSON() as { query: string };
    traffic.reads.push(/^(?:query|mutation) (\w+)/.exec(query)?.[1] ?? query);
  });
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { type: string; payload?: { data?: { operationsChanged?: Traffic['changes'][0] } } };
      const change = message.type === 'next' ? message.payload?.data?.operationsChanged : undefined;
      if (change) traffic.changes.push(change);
    }),
  );
  return traffic;
}

describe.skipIf(!haveChromium)('live operations pages', () => {
  it('shows a new dead letter on the integration page without a reload, each read answering an announced change', async () => {
    const page = await scene.context.newPage();
    // The page's timers run on a clock the test can move: a refresh on a timer would show below.
    await page.clock.install();
    const traffic = watch(page);
    const listening = scene.graph.app.events.subscriberCount;
    await page.goto(`${scene.graph.baseUrl}/console#/integration`);
    await page.getByLabel('Role').selectOption('integration');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table', { name: /^Dead letters/ }).waitFor();
    await until(() => scene.graph.app.events.subscriberCount === listening + 1, 10_000, 'the page subscribed');

    const account = { routingNumber: '011000015', accountNumber: '000666000333', accountType: 'CHECKING' } as const;
    await takeBankAccountInErp(scene.graph.app.systems.erpUrl, account);
    const supplierId = await onboardAndApproveSupplier(scene.graph, {
      legalName: 'Marsh Lane Surgical LLC',
      taxId: '52-6610452',
      bankAccount: account,
    });
    const row = page
      .getByRole('row')
      .filter({ hasText: supplierId })
      .filter({ has: page.getByRole('button', { name: /^Replay/ }) });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('An external bank account with this routing and account number already exists.');
    expect(traffic.changes).toContainEqual(expect.objectContaining({ topic: 'DEAD_LETTERS', recordId: supplierId }));

    // One read when the page opened, then exactly one per change heard: none on a timer.
    const answeredEveryChange = () => traffic.reads.length === 1 + traffic.changes.length;
    await expect.poll(answeredEveryChange).toBe(true);
    expect(new Set(traffic.reads)).toEqual(new Set(['ConsoleIntegration']));
    // Half a minute passes for the page (six turns of the 5 s timer it had): it reads nothing more
    // than what the changes still arriving from the supplier's other setups account for.
    await page.clock.runFor(30_000);
    await expect.poll(answeredEveryChange).toBe(true);
    expect(scene.refused).toEqual([]);
    await page.close();
  });
});
