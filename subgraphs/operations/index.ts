// The public entry of subgraphs/operations: what other workspaces may import.
export { operationsSubgraph } from './service.ts';
