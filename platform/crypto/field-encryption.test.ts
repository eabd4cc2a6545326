import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './field-encryption.ts';

describe('field encryption', () => {
  const cipher = createFieldCipher(randomBytes(32));

  it('round-trips, never shows the plaintext, and differs on every encryption', () => {
    const first = cipher.encrypt('12-3456789');
    const second = cipher.encrypt('12-3456789');
    expect(first).not.toContain('3456789');
    expect(first).not.toBe(second);
    expect(cipher.decrypt(first)).toBe('12-3456789');
  });

  it('detects tampering', () => {
    const ciphertext = cipher.encrypt('000123456789');
    const [version, keyId, iv, tag, body] = ciphertext.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([version, keyId, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
  });

  it('names its key in every value, and decrypts under a retired key during a rotation', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createFieldCipher(oldKey);
    const stored = before.encrypt('12-3456789');
    expect(stored.split('.').slice(0, 2)).toEqual(['v2', before.keyId]);
    const rotating = createFieldCipher(newKey, [oldKey]);
    expect(rotating.keyId).not.toBe(before.keyId);
    expect(rotating.decrypt(stored)).toBe('12-3456789');
    expect(rotating.isStale(stored)).toBe(true);
    expect(rotating.isStale(rotating.encrypt('12-3456789'))).toBe(false);
    expect(() => createFieldCipher(newKey).decrypt(stored)).toThrow(`The data encryption key ${before.keyId} is not configured`);
  });

  it('still reads values written before key ids, under whichever key wrote them', () => {
    const oldKey = randomBytes(32);
    const written = createFieldCipher(oldKey).encrypt('000123456789').split('.');
    const legacy = ['v1', ...written.slice(2)].join('.');
    expect(createFieldCipher(randomBytes(32), [oldKey]).decrypt(legacy)).toBe('000123456789');
    expect(createFieldCipher(randomBytes(32), [oldKey]).isStale(legacy)).toBe(true);
  });

  it('fingerprints equal values equally, and only under the same key', () => {
    expect(cipher.fingerprint('123456789')).toBe(cipher.fingerprint('123456789'));
    expect(cipher.fingerprint('123456789')).not.toBe(cipher.fingerprint('123456780'));
    expect(createFieldCipher(randomBytes(32)).fingerprint('123456789')).not.toBe(cipher.fingerprint('123456789'));
  });

  it('refuses a key of the wrong length', () => {
    expect(() => createFieldCipher(randomBytes(16))).toThrow(/32 bytes/);
  });
});
