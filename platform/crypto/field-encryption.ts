import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dataPath } from '../config.ts';

/**
 * Encryption of sensitive fields at rest (TINs, bank account numbers) with AES-256-GCM, and a
 * keyed fingerprint to find equal values (duplicate TINs) without decrypting anything.
 */
export interface FieldCipher {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  fingerprint(plaintext: string): string;
}

const FORMAT_VERSION = 'v1';

export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (masterKey.length !== 32) throw new Error('The data encryption key must be 32 bytes (base64 in DATA_ENCRYPTION_KEY).');
  const encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'procuregraph field encryption', 32));
  const fingerprintKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'procuregraph field fingerprint', 32));
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [FORMAT_VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    decrypt(ciphertext) {
      const [version, iv, tag, body] = ciphertext.split('.');
      if (version !== FORMAT_VERSION || !iv || !tag || body === undefined) throw new Error('Not a field ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    fingerprint(plaintext) {
      return createHmac('sha256', fingerprintKey).update(plaintext).digest('base64url');
    },
  };
}

/**
 * The key comes from `DATA_ENCRYPTION_KEY` (base64, 32 bytes) in production; the embedded default
 * generates one at first start under `.data/keys/` and keeps it there.
 */
export function loadFieldCipher(options: { dataDir: string; keyFromEnvironment?: string | undefined }): FieldCipher {
  if (options.keyFromEnvironment) return createFieldCipher(Buffer.from(options.keyFromEnvironment, 'base64'));
  const keyFile = dataPath(options.dataDir, 'keys', 'data-encryption.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  return createFieldCipher(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'));
}
