import { GraphQLError, type DocumentNode } from 'graphql';
import type { ServiceMap } from '@apollo/gateway';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql-ws';
import type { UserCaller } from '@procuregraph/platform/auth';
import { EventQueue, mapStream } from '@procuregraph/platform/events';
import type { Logger } from '@procuregraph/platform/logging';
import { executeEvent } from './event-execution.ts';
import type { SubscriptionPlanner } from './subscription-planner.ts';
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
 * on the owning subgraph, and every event it pushes is completed by the rest of the plan for this
 * subscriber, in order. Events wait in this subscriber's own bounded queue, so a slow client only
 * ever delays itself. Ending the returned stream (the client completes or disconnects) ends the
 * subgraph subscription.
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

  let unsubscribe = () => {};
  const queue = new EventQueue<FormattedExecutionResult>({
    limit: options.queueLimit,
    release: () => unsubscribe(),
    onOverflow: request.onOverflow,
  });
  unsubscribe = subscribeUpstream({
    url,
    fetch: plan.primary,
    variables: request.variables,
    caller: request.caller,
    internalSecret: options.internalSecret,
    logger: options.logger,
    next: (result) => queue.push(result),
    complete: () => queue.end(),
  });
  const delivery = {
    caller: request.caller,
    variables: request.variables,
    operationName: request.operationName,
    services: () => options.services.dataSources(),
    logger: options.logger,
  };
  return mapStream(queue, (event) => executeEvent(plan, event, delivery));
}
