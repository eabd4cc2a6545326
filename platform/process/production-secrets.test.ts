import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../config.ts';
import { deploymentProblems } from './production-secrets.ts';

const ALL = ['DATA_ENCRYPTION_KEY', 'INTERNAL_TOKEN_SECRET', 'VENDOR_PLATFORM_WEBHOOK_SECRET', 'ERP_WEBHOOK_SECRET'] as const;
/** Nothing listens on port 9: start-up must stop before it tries the database. */
const DATABASE_URL = 'postgres://procuregraph@127.0.0.1:9/procuregraph';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'production-secrets-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs an entry point as `npm start` would, with only the given variables besides PATH and HOME. */
async function start(
  script: string,
  args: string[],
  environment: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...environment },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('the secrets a deployment must be given', () => {
  it('names every missing one with DATABASE_URL or NODE_ENV=production, and none on the embedded default', () => {
    expect(deploymentProblems(ALL, {})).toEqual([]);
    const expected = [
      'DATA_ENCRYPTION_KEY is required with DATABASE_URL or NODE_ENV=production: base64 of 32 random bytes (openssl rand -base64 32), the key TINs and account numbers are encrypted with',
      'INTERNAL_TOKEN_SECRET is required with DATABASE_URL or NODE_ENV=production: the secret the gateway and every subgraph share to sign forwarded identities',
      "VENDOR_PLATFORM_WEBHOOK_SECRET is required with DATABASE_URL or NODE_ENV=production: the vendor platform's webhook signing secret",
      'ERP_WEBHOOK_SECRET is required with DATABASE_URL or NODE_ENV=production: the secret the ERP signs the business events it pushes with',
    ];
    expect(deploymentProblems(ALL, { DATABASE_URL })).toEqual(expected);
    expect(deploymentProblems(ALL, { NODE_ENV: 'production' })).toEqual(expected);
    expect(
      deploymentProblems(ALL, {
        DATABASE_URL,
        DATA_ENCRYPTION_KEY: 'a2V5',
        INTERNAL_TOKEN_SECRET: 's',
        VENDOR_PLATFORM_WEBHOOK_SECRET: ' ',
        ERP_WEBHOOK_SECRET: 'e',
      }),
    ).toEqual([expected[2]]);
  });

  it('wants the issuer and audience with an identity provider', () => {
    expect(deploymentProblems([], { AUTH_JWKS_URL: 'https://login.example.org/jwks.json', AUTH_AUDIENCE: 'procuregraph' })).toEqual([
      'AUTH_ISSUER is required with AUTH_JWKS_URL',
    ]);
    expect(
      deploymentProblems([], {
        AUTH_JWKS_URL: 'https://login.example.org/jwks.json',
        AUTH_ISSUER: 'https://login.example.org',
        AUTH_AUDIENCE: 'procuregraph',
      }),
    ).toEqual([]);
  });

  it('stops `npm start` with DATABASE_URL and no encryption key, naming the variable, and generates no key', async () => {
    const { code, stderr } = await start('start.ts', [], {
      DATABASE_URL,
      INTERNAL_TOKEN_SECRET: 'internal',
      VENDOR_PLATFORM_WEBHOOK_SECRET: 'webhook',
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('DATA_ENCRYPTION_KEY is required with DATABASE_URL or NODE_ENV=production');
    expect(stderr).not.toContain('INTERNAL_TOKEN_SECRET is required');
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('stops the gateway with AUTH_JWKS_URL and no issuer or audience', async () => {
    const { code, stderr } = await start('gateway/main.ts', [], {
      DATABASE_URL,
      INTERNAL_TOKEN_SECRET: 'internal',
      AUTH_JWKS_URL: 'https://login.example.org/jwks.json',
    });
    expect(code).not.toBe(0);
    expect(stderr).toContain('AUTH_ISSUER is required with AUTH_JWKS_URL');
    expect(stderr).toContain('AUTH_AUDIENCE is required with AUTH_JWKS_URL');
  });
});
