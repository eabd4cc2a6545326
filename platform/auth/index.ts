// The public entry of platform/auth: what other workspaces may import.
export { holdsOneOf, requireRole } from './authorization.ts';
export { narrowedSupplier, roles, type Role } from './caller.ts';
export {
  AUDIENCE,
  DEV_ISSUER,
  loadDevSigningKeys,
  loadInternalSecret,
  loadOrCreateSecret,
  loadErpWebhookSecret,
  loadVendorPlatformWebhookSecret,
  type DevSigningKeys,
} from './keys.ts';
export {
  CALLER_HEADER,
  createInternalTokenSigner,
  createTokenVerifier,
  internalScopeKey,
  signDevToken,
  signInternalToken,
  type UserCaller,
  type VerificationResult,
} from './tokens.ts';
