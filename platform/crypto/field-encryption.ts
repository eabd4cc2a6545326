import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dataPath } from '../config.ts';

/**
 * Encryption of sensitive fields at rest (TINs, bank account numbers) with AES-256-GCM, and a
 * keyed fingerprint to find equal values (duplicate TINs) without decrypting anything.
 */
export interface FieldCipher {
  /** Names the key values are encrypted with now; every ciphertext carries the id of its key. */
  readonly keyId: string;
  encrypt(plaintext: string): string;
  /** Decrypts with whichever key, current or retired, the ciphertext names. */
  decrypt(ciphertext: string): string;
  /** Under the current key only: after a rotation, stored fingerprints are computed again. */
  fingerprint(plaintext: string): string;
  /** True when the ciphertext is not under the current key (a rotation has to re-encrypt it). */
  isStale(ciphertext: string): boolean;
}

/** v1 carried no key id (always the one key); v2 is `v2.<key id>.<iv>.<tag>.<body>`. */
const LEGACY_VERSION = 'v1';
const FORMAT_VERSION = 'v2';

interface FieldKey {
  id: string;
  encryptionKey: Buffer;
  fingerprintKey: Buffer;
}

function deriveKey(masterKey: Buffer): FieldKey {
  if (masterKey.length !== 32) throw new Error('The data encryption key must be 32 bytes (base64 in DATA_ENCRYPTION_KEY).');
  const derive = (purpose: string, length: number) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), purpose, length));
  return {
    id: derive('procuregraph field key id', 6).toString('base64url'),
    encryptionKey: derive('procuregraph field encryption', 32),
    fingerprintKey: derive('procuregraph field fingerprint', 32),
  };
}

function decryptWith(key: FieldKey, iv: string, tag: string, body: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key.encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** A legacy value names no key: the first key it authenticates under is its key. */
function decryptLegacy(keys: readonly FieldKey[], iv: string, tag: string, body: string): string {
  for (const key of keys) {
    try {
      return decryptWith(key, iv, tag, body);
    } catch {
      // Not authenticated under this key: try the next one.
    }
  }
  throw new Error('No data encryption key decrypts this value');
}

/** `masterKey` encrypts; `retiredKeys` (previous keys during a rotation) only decrypt. */
export function createFieldCipher(masterKey: Buffer, retiredKeys: readonly Buffer[] = []): FieldCipher {
  const current = deriveKey(masterKey);
  const keys = [current, ...retiredKeys.map(deriveKey)];
  return {
    keyId: current.id,
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [FORMAT_VERSION, current.id, iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },
    decrypt(ciphertext) {
      const parts = ciphertext.split('.');
      if (parts[0] === LEGACY_VERSION && parts.length === 4) return decryptLegacy(keys, parts[1]!, parts[2]!, parts[3]!);
      const [version, keyId, iv, tag, body] = parts;
      if (version !== FORMAT_VERSION || !keyId || !iv || !tag || body === undefined) throw new Error('Not a field ciphertext');
      const key = keys.find((candidate) => candidate.id === keyId);
      if (!key) throw new Error(`The data encryption key ${keyId} is not configured (DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_PREVIOUS)`);
      return decryptWith(key, iv, tag, body);
    },
    fingerprint(plaintext) {
      return createHmac('sha256', current.fingerprintKey).update(plaintext).digest('base64url');
    },
    isStale(ciphertext) {
      return !ciphertext.startsWith(`${FORMAT_VERSION}.${current.id}.`);
    },
  };
}

/** `DATA_ENCRYPTION_KEY_PREVIOUS`: the keys being rotated away from, base64, comma-separated. */
function retiredKeysFrom(value: string | undefined): Buffer[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean)
    .map((key) => Buffer.from(key, 'base64'));
}

/**
 * The key comes from `DATA_ENCRYPTION_KEY` (base64, 32 bytes) in production, with the keys being
 * rotated away from in `DATA_ENCRYPTION_KEY_PREVIOUS`; the embedded default generates one at first
 * start under `.data/keys/` and keeps it there.
 */
export function loadFieldCipher(options: {
  dataDir: string;
  keyFromEnvironment?: string | undefined;
  previousKeysFromEnvironment?: string | undefined;
}): FieldCipher {
  const retired = retiredKeysFrom(options.previousKeysFromEnvironment);
  if (options.keyFromEnvironment) return createFieldCipher(Buffer.from(options.keyFromEnvironment, 'base64'), retired);
  const keyFile = dataPath(options.dataDir, 'keys', 'data-encryption.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  return createFieldCipher(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'), retired);
}
