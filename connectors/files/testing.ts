// What connectors/files lends other workspaces' tests: its sample files.
export { sampleFile } from './fixtures/index.ts';
