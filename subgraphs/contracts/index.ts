// The public entry of subgraphs/contracts: what other workspaces may import.
export { contractsSeeded, seedContracts } from './db/seed.ts';
export * from './service.ts';
