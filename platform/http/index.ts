// The public entry of platform/http: what other workspaces may import.
export { parseJsonKeepingNumbers, requestJson, type JsonRequest } from './json-client.ts';
export { graphqlBodyErrorHandler } from './json-errors.ts';
export { listen, type RunningServer } from './server.ts';
export { observingCalls, type ObservedCall } from './call-observer.ts';
