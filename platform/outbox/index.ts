// The public entry of platform/outbox: what other workspaces may import.
export { appendToOutbox } from './outbox.ts';
