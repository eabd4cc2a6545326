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
    const [version, iv, tag, body] = ciphertext.split('.');
    const flipped = Buffer.from(body!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64url')].join('.'))).toThrow();
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
