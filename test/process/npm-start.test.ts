/**
 * `npm start` as a user runs it: the script's command from package.json in its own process group on a fresh
 * data folder, one query through the gateway, then Ctrl-C (SIGINT to the group). CI also runs this
 * file alone on Node 22 as the smoke test of the oldest supported line.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '@procuregraph/platform/config';
import { runProcess, type RunningProcess } from './running-process.ts';

const STARTUP_MS = 240_000;

describe.skipIf(process.env.DATABASE_URL)('npm start (on the embedded database: skipped in the PostgreSQL run)', () => {
  let dataDir: string | undefined;
  let started: RunningProcess | undefined;

  afterAll(async () => {
    started?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves a query through the gateway, and on Ctrl-C stops cleanly with status 0', { timeout: STARTUP_MS + 60_000 }, async () => {
    const scripts = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')).scripts as Record<string, string>;
    dataDir = await mkdtemp(join(tmpdir(), 'procuregraph-npm-start-'));
    // What the script runs, without npm and sh around it: they report a Ctrl-C as their own death
    // by SIGINT whatever the product does, so the product's exit status is read first-hand.
    const [command, ...args] = scripts.start!.split(' ');
    started = runProcess(command!, args, { DATA_DIR: dataDir, DATABASE_URL: undefined, PORT: '4000' });

    const [, token] = await started.waitFor(/An admin token for this checkout.*\n\n\s+(\S+)\n/, STARTUP_MS);
    const response = await fetch('http://127.0.0.1:4000/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ suppliers(first: 1) { totalCount } }' }),
    });
    expect(await response.json()).toEqual({ data: { suppliers: { totalCount: 60 } } });

    const exit = await started.stop('SIGINT');
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.ms).toBeLessThan(25_000);
    expect(started.output()).toMatch(/"service":"procuregraph".*"msg":"shutting down"/);
    expect(started.output()).toMatch(/"service":"procuregraph".*"msg":"stopped cleanly"/);
  });
});
