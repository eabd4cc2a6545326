// The public entry of platform/graphql: what other workspaces may import.
export { idArgument } from './arguments.ts';
export { afterCursor, childConnections } from './child-connections.ts';
export { DEFAULT_PAGE_SIZE, pageRequest, toConnection, type Connection, type Edge, type PageRequest } from './connection.ts';
export { createErrorFormatter } from './error-formatting.ts';
export { graphqlError, type UserError } from './errors.ts';
export { recordsById, rowsByParent } from './loaders.ts';
export { metricsPlugin } from './metrics-plugin.ts';
export { scalarResolvers } from './scalars.ts';
export { checkSubscription, type OperationLimits } from './subscription-operation.ts';
export { syncStatusLoader } from './sync-status.ts';
export { websocketErrorHooks } from './websocket-errors.ts';
export { serveGraphqlOverWebSocket, type ConnectionParams, type GraphqlWebSocket } from './websocket-server.ts';
export { journeyLoader, journeyOf, stuckThresholdsMs, type Journey, type JourneyStep } from './journey.ts';
