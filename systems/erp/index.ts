// The public entry of systems/erp: what other workspaces may import.
export { startErp } from './server.ts';
