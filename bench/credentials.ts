import { loadDevSigningKeys, loadInternalSecret, CALLER_HEADER, signDevToken, signInternalToken } from '@procuregraph/platform/auth';
import { benchAdmin, benchDataDir } from './config.ts';

/**
 * Headers for the bench's admin caller. Procuregraph's gateway takes the user's ES256 bearer
 * token; the peers and a subgraph called directly take the gateway-signed internal token, which
 * lives 60 s, so callers mint headers anew for each measurement.
 */
export interface Credentials {
  gatewayHeaders(): Promise<Record<string, string>>;
  internalHeaders(): Promise<Record<string, string>>;
}

export async function loadCredentials(): Promise<Credentials> {
  const keys = await loadDevSigningKeys(benchDataDir);
  const secret = loadInternalSecret(benchDataDir);
  const json = { 'content-type': 'application/json' };
  return {
    gatewayHeaders: async () => ({ ...json, authorization: `Bearer ${await signDevToken(keys, benchAdmin)}` }),
    internalHeaders: async () => ({ ...json, [CALLER_HEADER]: await signInternalToken(secret, benchAdmin) }),
  };
}
