import { GraphQLError, print, type DocumentNode } from 'graphql';
import type { ServiceMap } from '@apollo/gateway';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql-ws';
import { internalScopeKey, type UserCaller } from '@procuregraph/platform/auth';
import { EventQueue, readDeliveredEvent, type DeliveredEvent } from '@procuregraph/platform/events';
import type { Logger } from '@procuregraph/platform/logging';
import { contextFrom, currentTraceId, inSpan, SpanKind } from '@procuregraph/platform/tracing';
import type { DeliverySteps } from './delivery-steps.ts';
import { executeEvent, type EventDelivery } from './event-execution.ts';
import type { SubscriptionPlan, SubscriptionPlanner } from './subscription-planner.ts';
import type { Publish, SubscriberGroups } from './subscriber-groups.ts';
import { subscribeUpstream } from './upstream.ts';

/** What the gateway knows about each subgraph: where it is, and the data source its fetches go through. */
export interface SubgraphServices {
  url(name: string): string | undefined;
  dataSources(): ServiceMap;
}

export interface FederatedSubscriptionOptions {
  readonly planner: SubscriptionPlanner;
  readonly services: SubgraphServices;
  readonly internalSecret: Uint8Array;
  readonly logger: Logger;
  /** Events that may wait for one slow subscriber before it is cut off. */
  readonly queueLimit: number;
  /** Subscriptions alike, of one caller, sharing their upstream subscription and completed events. */
  readonly groups: SubscriberGroups;
  /** Where each event's delivery is counted for its record's journey. */
  readonly deliverySteps: DeliverySteps;
}

export interface SubscriptionRequest {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
  readonly caller: UserCaller;
  /** The subscriber fell too far behind: cut it off. */
  onOverflow(): void;
}

/**
 * One client's subscription through the graph: the plan's primary fetch runs as a subscription
 * on the owning subgraph, and every event it pushes is completed by the rest of the plan, in
 * order. Subscribers of one caller who sent the same operation and variables share that upstream
 * subscription and each completed event (the subgraph and the gateway do the work once, whatever
 * their number); each has its own bounded queue, so a slow client only ever delays itself. The
 * upstream subscription ends when its last subscriber completes or disconnects.
 */
export async function subscribeFederated(
  request: SubscriptionRequest,
  options: FederatedSubscriptionOptions,
): Promise<AsyncGenerator<ExecutionResult, undefined, undefined> | ExecutionResult> {
  const plan = options.planner.plan(request.document, request.operationName);
  if (plan instanceof GraphQLError) return { errors: [plan] };
  const url = options.services.url(plan.primary.serviceName);
  if (!url)
    return {
      errors: [new GraphQLError(`No subgraph named ${plan.primary.serviceName}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } })],
    };

  let leave = () => {};
  const queue = new EventQueue<ExecutionResult>({ limit: options.queueLimit, release: () => leave(), onOverflow: request.onOverflow });
  const key = JSON.stringify([
    url,
    print(request.document),
    request.operationName ?? null,
    request.variables,
    internalScopeKey(request.caller),
  ]);
  leave = options.groups.join(key, queue, (publish, end) => {
    const delivery = {
      caller: request.caller,
      variables: request.variables,
      operationName: request.operationName,
      services: () => options.services.dataSources(),
      logger: options.logger,
    };
    // Events are completed one after another, so every subscriber gets them in the order sent.
    let completed = Promise.resolve();
    return subscribeUpstream({
      url,
      fetch: plan.primary,
      variables: request.variables,
      caller: request.caller,
      internalSecret: options.internalSecret,
      logger: options.logger,
      next: (event: FormattedExecutionResult) => {
        const arrived = performance.now();
        completed = completed.then(() => deliverEvent(plan, event, delivery, publish, options.deliverySteps, arrived));
      },
      complete: () => {
        completed = completed.then(end);
      },
    });
  });
  return queue;
}

/**
 * Completes one event and hands it to the group's subscribers. An event the subgraph names (see
 * `deliveredEventExtension`) is delivered in a span continuing its change's trace, and its
 * delivery counted for its record's journey (recorded later, in a batch: never waited for here).
 */
async function deliverEvent(
  plan: SubscriptionPlan,
  event: FormattedExecutionResult,
  delivery: EventDelivery,
  publish: Publish,
  steps: DeliverySteps,
  arrived: number,
): Promise<void> {
  const named = readDeliveredEvent(event.extensions);
  if (!named) return void publish(await executeEvent(plan, event, delivery));
  const span = {
    component: 'gateway',
    name: `subscription event ${named.topic}`,
    kind: SpanKind.PRODUCER,
    parent: contextFrom(named),
    attributes: { 'messaging.system': 'graphql-ws', 'messaging.destination.name': named.topic, 'messaging.message.id': named.eventId },
  };
  await inSpan(span, async (active) => {
    const result = await executeEvent(plan, event, delivery);
    const subscribers = publish(result);
    active.setAttribute('procuregraph.subscribers', subscribers);
    if (subscribers > 0 && result.data) recordDelivery(steps, named, subscribers, arrived);
  });
}

function recordDelivery(steps: DeliverySteps, named: DeliveredEvent, subscribers: number, arrived: number): void {
  steps.record({
    eventId: named.eventId,
    recordId: named.recordId,
    subscribers,
    at: new Date(),
    durationMs: Math.round(performance.now() - arrived),
    traceId: currentTraceId(),
  });
}
