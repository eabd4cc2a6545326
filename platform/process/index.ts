// The public entry of platform/process: what other workspaces may import.
export { requireDeploymentSecrets } from './production-secrets.ts';
export { closeOnSignal } from './shutdown.ts';
