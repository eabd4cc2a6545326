import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { repositoryRoot } from '@procuregraph/platform/config';
import { startTestGraph, type TestGraph } from '../harness.ts';

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

/** Chromium's side of a scene: a loopback-only context (see `loopbackContext`), there from before the first test to after the last. */
export interface BrowserScene {
  readonly context: BrowserContext;
  /** What the context's pages tried to reach beyond this machine. */
  readonly refused: string[];
}

export interface BrowserSceneOptions {
  /** For an HTTPS server of the test's own, self-signed for the run. */
  ignoreHTTPSErrors?: boolean;
  navigationTimeoutMs?: number;
  /** For the hooks that set the scene up, on a busy machine. */
  timeoutMs?: number;
}

/**
 * Launches chromium with a loopback context before the tests of the file or `describe` that calls
 * it, and closes both after them (vitest runs after-hooks in reverse: what a later scene needs is
 * still there when it closes).
 */
export function browserScene(options: BrowserSceneOptions = {}): BrowserScene {
  let browser: Browser | undefined;
  const scene = {} as { context: BrowserContext; refused: string[] };
  beforeAll(async () => {
    browser = await launchChromium();
    Object.assign(scene, await loopbackContext(browser, { ignoreHTTPSErrors: options.ignoreHTTPSErrors }));
    if (options.navigationTimeoutMs) scene.context.setDefaultNavigationTimeout(options.navigationTimeoutMs);
  }, options.timeoutMs);
  afterAll(async () => {
    await scene.context?.close();
    await browser?.close();
  });
  return scene;
}

/** The real graph and chromium at its console. */
export interface ConsoleScene extends BrowserScene {
  readonly graph: TestGraph;
  /** A new page of the console, signed in with the development sign-in as `role` (for `supplierId`), its pages listed. */
  signIn(role: string, supplierId?: string): Promise<Page>;
}

type TestGraphOptions = Parameters<typeof startTestGraph>[0];

/** Starts the graph (with the options `graph` gives once earlier hooks ran), then the browser scene; closes them in reverse. */
export function consoleScene(options: BrowserSceneOptions & { graph?: () => TestGraphOptions } = {}): ConsoleScene {
  let graph: TestGraph | undefined;
  beforeAll(async () => {
    graph = await startTestGraph(options.graph?.());
  }, options.timeoutMs);
  afterAll(async () => {
    await graph?.close();
  });
  const browser = browserScene(options);
  return {
    get graph() {
      return graph!;
    },
    get context() {
      return browser.context;
    },
    get refused() {
      return browser.refused;
    },
    async signIn(role, supplierId) {
      const page = await browser.context.newPage();
      await page.goto(`${graph!.baseUrl}/console`);
      await page.getByLabel('Role').selectOption(role);
      if (supplierId) await page.getByLabel('Supplier id').fill(supplierId);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Console pages' }).waitFor();
      return page;
    },
  };
}
