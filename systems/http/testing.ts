// Test fixtures this workspace offers to other workspaces' tests; production code never imports them.
export { call } from './fixtures/http-client.ts';
export { tinyWorld, tinyWorldIds } from './fixtures/tiny-world.ts';
export { startWebhookReceiver } from './fixtures/webhook-receiver.ts';
