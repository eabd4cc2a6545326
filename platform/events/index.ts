// The public entry of platform/events: what other workspaces may import.
export { mayReceiveSupplierEvent } from './audience.ts';
export { publishEvent, startEventBus, type EventBus } from './bus.ts';
export { streamCoalescedEvents } from './coalesced-stream.ts';
export {
  DELIVERED_EVENT_EXTENSION,
  deliveredEventExtension,
  originOf,
  readDeliveredEvent,
  type DeliveredEvent,
  type EventOrigin,
} from './event-origin.ts';
export { EventQueue } from './event-queue.ts';
export { streamEvents } from './event-stream.ts';
export { mapStream } from './map-stream.ts';
export {
  announceOperationsChanges,
  operationsChanged,
  operationsTopics,
  type OperationsChange,
  type OperationsChangeNotice,
  type OperationsTopic,
} from './operations-changes.ts';
export { defineTopic, type Topic } from './topics.ts';
