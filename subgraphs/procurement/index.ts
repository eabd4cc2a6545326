// The public entry of subgraphs/procurement: what other workspaces may import.
export { procurementSeeded, seedProcurement } from './db/seed.ts';
export * from './service.ts';
