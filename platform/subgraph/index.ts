// The public entry of platform/subgraph: what other workspaces may import.
export { enforceRoleDirectives } from './authorization-directive.ts';
export type { FileAnswer, FileRoute } from './file-routes.ts';
export type { SubgraphDependencies } from './subgraph-dependencies.ts';
export { startSubgraphServer, type RunningSubgraph, type SubgraphContext, type SubgraphDefinition } from './subgraph-server.ts';
export {
  startSubgraphWorkers,
  type BackgroundWork,
  type RegisterWorkers,
  type RunningWorkers,
  type WorkerContext,
} from './subgraph-workers.ts';
