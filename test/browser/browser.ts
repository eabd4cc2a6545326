import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repositoryRoot } from '@procuregraph/platform/config';

/** Debian's chromium (`.ci/run` installs it with apt); CHROMIUM_PATH overrides. Never downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);

/** Where the suite leaves screenshots for a reviewer (git-ignored). */
export const screenshotFolder = join(repositoryRoot, 'test', 'browser', 'screenshots');

export const widths = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/**
 * A browser context that lets requests reach loopback only: anything else is refused and kept
 * in `refused`, so a test can assert that no page needs the network beyond this machine.
 */
export async function loopbackContext(
  browser: Browser,
  options: { ignoreHTTPSErrors?: boolean } = {},
): Promise<{ context: BrowserContext; refused: string[] }> {
  // CSP stays on for the pages; axe-core is injected by script tag, which the policy would refuse.
  const context = await browser.newContext({ viewport: widths[0], bypassCSP: true, ...options });
  const refused: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.protocol === 'data:' || url.protocol === 'blob:')
      return route.continue();
    refused.push(url.toString());
    return route.abort('blockedbyclient');
  });
  // Routes do not see WebSockets: each page's are checked as they open.
  context.on('page', (page) =>
    page.on('websocket', (socket) => {
      if (!/^wss?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(socket.url())) refused.push(socket.url());
    }),
  );
  return { context, refused };
}

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2 A and AA rules). */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    return (
      await axe.run((globalThis as unknown as { document: unknown }).document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
      })
    ).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** The page at each width, full length, as `<name>-<width>.png` under the screenshot folder. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(screenshotFolder, { recursive: true });
  for (const size of widths) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: join(screenshotFolder, `${name}-${size.name}.png`), fullPage: true });
  }
  await page.setViewportSize(widths[0]);
}
