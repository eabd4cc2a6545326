import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rememberVerified, type CheckedToken } from './remembered-tokens.ts';
import { createInternalTokenSigner, type UserCaller } from './tokens.ts';

const alice: UserCaller = { kind: 'staff', subject: 'alice', role: 'finance' };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** A signature check that passes tokens starting with "good" and counts how often it ran. */
function countingCheck(expiresAt: () => number | undefined = inAnHour) {
  const checked: string[] = [];
  const check = async (token: string): Promise<CheckedToken> => {
    checked.push(token);
    return token.startsWith('good') ? { ok: true, caller: alice, expiresAt: expiresAt() } : { ok: false, reason: 'bad' };
  };
  return { checked, check };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('verified tokens', () => {
  it('are checked once and then remembered', async () => {
    const { checked, check } = countingCheck();
    const verify = rememberVerified(check);
    expect(await verify('good-1')).toEqual({ ok: true, caller: alice });
    expect(await verify('good-1')).toEqual({ ok: true, caller: alice });
    expect(checked).toEqual(['good-1']);
  });

  it('that fail are checked, and refused, every time', async () => {
    const { checked, check } = countingCheck();
    const verify = rememberVerified(check);
    expect(await verify('bad-1')).toEqual({ ok: false, reason: 'bad' });
    expect(await verify('bad-1')).toEqual({ ok: false, reason: 'bad' });
    expect(checked).toEqual(['bad-1', 'bad-1']);
  });

  it('without an expiry, or already expired, are never remembered', async () => {
    for (const expiresAt of [() => undefined, () => Math.floor(Date.now() / 1000) - 1]) {
      const { checked, check } = countingCheck(expiresAt);
      const verify = rememberVerified(check);
      await verify('good-1');
      await verify('good-1');
      expect(checked).toHaveLength(2);
    }
  });

  it('are checked again after the longest remembered age, however long they live', async () => {
    const { checked, check } = countingCheck();
    const verify = rememberVerified(check, { maxAgeMs: 50 });
    await verify('good-1');
    await pause(80);
    await verify('good-1');
    expect(checked).toEqual(['good-1', 'good-1']);
  });

  it('are bounded: the least recently used is forgotten first', async () => {
    const { checked, check } = countingCheck();
    const verify = rememberVerified(check, { max: 2 });
    for (const token of ['good-1', 'good-2', 'good-3', 'good-3', 'good-1']) await verify(token);
    expect(checked).toEqual(['good-1', 'good-2', 'good-3', 'good-1']);
  });
});

describe('internal tokens', () => {
  it('are reused per caller and address, and differ for another address', async () => {
    const sign = createInternalTokenSigner(randomBytes(32));
    const first = await sign(alice, '10.0.0.1');
    expect(await sign(alice, '10.0.0.1')).toBe(first);
    expect(await sign(alice, '10.0.0.2')).not.toBe(first);
    expect(await sign({ ...alice, subject: 'bob' }, '10.0.0.1')).not.toBe(first);
  });
});
