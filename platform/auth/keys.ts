import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { dataPath } from '../config.ts';

export const DEV_ISSUER = 'urn:procuregraph:dev';
export const AUDIENCE = 'procuregraph';
export const DEV_SIGNING_ALGORITHM = 'ES256';

export interface DevSigningKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  keyId: string;
}

/**
 * The embedded default's token-signing key pair, generated at first start under `.data/keys/`
 * so `npm run token` and `npm start` from the same checkout agree, and no key is in the repo.
 */
export async function loadDevSigningKeys(dataDir: string): Promise<DevSigningKeys> {
  const file = dataPath(dataDir, 'keys', 'dev-signing-key.json');
  if (!existsSync(file)) {
    const pair = await generateKeyPair(DEV_SIGNING_ALGORITHM, { extractable: true });
    const keyId = randomBytes(8).toString('hex');
    const stored = { keyId, privateJwk: await exportJWK(pair.privateKey), publicJwk: await exportJWK(pair.publicKey) };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { keyId: string; privateJwk: JWK; publicJwk: JWK };
  return {
    keyId: stored.keyId,
    privateKey: (await importJWK(stored.privateJwk, DEV_SIGNING_ALGORITHM)) as CryptoKey,
    publicKey: (await importJWK(stored.publicJwk, DEV_SIGNING_ALGORITHM)) as CryptoKey,
  };
}

/** A secret from the environment in production, or generated once under `.data/keys/`. */
export function loadOrCreateSecret(dataDir: string, fileName: string, fromEnvironment: string | undefined): string {
  if (fromEnvironment) return fromEnvironment;
  const file = dataPath(dataDir, 'keys', fileName);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** The secret the gateway signs forwarded identities with and subgraphs verify (`INTERNAL_TOKEN_SECRET`). */
export function loadInternalSecret(dataDir: string, fromEnvironment?: string): Uint8Array {
  return new TextEncoder().encode(loadOrCreateSecret(dataDir, 'internal-token.secret', fromEnvironment));
}

/** The key the ERP signs the business events it pushes with (`ERP_WEBHOOK_SECRET`). */
export function loadErpWebhookSecret(dataDir: string, fromEnvironment?: string): string {
  return loadOrCreateSecret(dataDir, 'erp-webhook.secret', fromEnvironment);
}

/** The key the vendor platform signs its webhooks with (`VENDOR_PLATFORM_WEBHOOK_SECRET`). */
export function loadVendorPlatformWebhookSecret(dataDir: string, fromEnvironment?: string): string {
  return loadOrCreateSecret(dataDir, 'vendor-platform-webhook.secret', fromEnvironment);
}
