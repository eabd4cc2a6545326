// The public entry of systems/contract-repository: what other workspaces may import.
export { startContractRepository } from './server.ts';
