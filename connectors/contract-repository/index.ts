// The public entry of connectors/contract-repository: what other workspaces may import.
export { contractRepositoryClient, type ContractRepositoryClient } from './client.ts';
export { ContractResourceError, readChangePage, readContract, type Contract, type ContractChange } from './resources.ts';
