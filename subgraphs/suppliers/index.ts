// The public entry of subgraphs/suppliers: what other workspaces may import.
export { reencryptSuppliers } from './db/reencryption.ts';
export { seedSuppliers, suppliersSeeded } from './db/seed.ts';
export * from './service.ts';
