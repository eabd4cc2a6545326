// The public entry of runtime: what other workspaces may import.
export { startProcuregraph, type ProcuregraphOptions, type RunningProcuregraph } from './procuregraph.ts';
export { migrateSchemas } from './subgraph-assembly.ts';
