// The public entry of gateway: what other workspaces may import.
export { entityCacheFrom, UNCACHED_FIELDS } from './entity-cache.ts';
export { rateLimitsFrom, type RateLimitSettings } from './rate-limit.ts';
export type { IntrospectionPolicy } from './schema-disclosure.ts';
export { startGateway, type GatewayOptions, type RunningGateway } from './server.ts';
export { SUBSCRIBER_TOO_SLOW, TOKEN_EXPIRED } from './subscriptions/websocket.ts';
export type { SupergraphSource } from './supergraph-source.ts';
export { documentHash, loadTrustedDocuments, type TrustedDocuments } from './trusted-documents.ts';
export type { ConsoleSignIn } from './web/console.ts';
