// The public entry of test: what other workspaces may import.
export { testSubgraphDependencies } from './subgraph-dependencies.ts';
