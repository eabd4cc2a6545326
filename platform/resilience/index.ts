// The public entry of platform/resilience: what other workspaces may import.
export { systemCircuits, type SystemCircuit } from './breaker-reports.ts';
export { PermanentError, RemoteHttpError, describeError, isPermanentFailure } from './failures.ts';
export { BackingSystemPolicies, backingSystemPolicies, timeoutPolicy, type CallPolicy } from './system-policies.ts';
