// The public entry of platform/inbound: what other workspaces may import.
export { createFeedPoller, type CatchUpResult, type FeedPoller } from './feed-poller.ts';
export { feedLags, reportFeedLag, type FeedLag } from './feed-lag.ts';
export { defineInboundQueue, feedQueueName, type InboundQueue } from './inbound-queue.ts';
export { processInboundEvent, processInboundEventOutsideTransaction, type InboundEvent, type InboundOutcome } from './inbound-events.ts';
export { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, signWebhook, verifyWebhook } from './signature.ts';
export {
  MalformedWebhookError,
  subscribeToWebhooks,
  webhookRouter,
  type WebhookSource,
  type WebhookSubscription,
} from './webhook-router.ts';
