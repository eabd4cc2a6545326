// The public entry of systems/vendor-platform: what other workspaces may import.
export { startVendorPlatform } from './server.ts';
