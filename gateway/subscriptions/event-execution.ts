import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql-ws';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { Logger } from '@procuregraph/platform/logging';
import type { SubscriptionPlan } from './subscription-planner.ts';

/** Who an event is delivered to, and the subgraphs its plan may fetch from. */
export interface EventDelivery {
  readonly caller: UserCaller;
  readonly variables: Record<string, unknown>;
  readonly operationName: string | undefined;
  readonly services: () => ServiceMap;
  readonly logger: Logger;
}

type GatewayRequestContext = Parameters<typeof executeQueryPlan>[2];

// Stands for the owning subgraph in the plan that completes an event: its answer is already here.
const EVENT_SOURCE = '__subscription_event';

/** A data source that answers the primary fetch with the event the subgraph pushed. */
function eventSource(event: FormattedExecutionResult): GraphQLDataSource {
  return { process: async () => ({ data: event.data ?? null, ...(event.errors ? { errors: event.errors } : {}) }) };
}

function toGraphQLErrors(errors: readonly GraphQLFormattedError[]): GraphQLError[] {
  return errors.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }));
}

/**
 * Completes one event: the rest of the subscription's plan (entity fetches to the other
 * subgraphs through `_entities`) runs on the primary fetch's result, exactly as the gateway runs
 * a query's plan. executeQueryPlan (public in @apollo/gateway) starts from an empty result and
 * runs a plan's nodes, so the plan given to it is the primary fetch, answered from memory by
 * `eventSource`, followed by the rest; fetching, flattening, merging, error paths and shaping
 * the response to the operation are Apollo's own.
 */
export async function executeEvent(
  plan: SubscriptionPlan,
  event: FormattedExecutionResult,
  delivery: EventDelivery,
): Promise<ExecutionResult> {
  // No data: the subscription failed at the subgraph (bad arguments), or this event did (its record is gone).
  if (!event.data)
    return { errors: event.errors ? toGraphQLErrors(event.errors) : [new GraphQLError('The subgraph sent an event without data')] };
  const queryPlan: QueryPlan = {
    kind: 'QueryPlan',
    node: { kind: 'Sequence', nodes: [{ ...plan.primary, serviceName: EVENT_SOURCE }, ...(plan.rest ? [plan.rest] : [])] },
  };
  const operation = plan.operationContext.operation;
  // executeQueryPlan reads the request, context, logger and metrics; the rest of Apollo's request
  // context (cache, hashes, cache policy) serves caching and usage reporting, which subscriptions skip.
  const requestContext = {
    request: { variables: delivery.variables, operationName: delivery.operationName },
    context: { caller: delivery.caller },
    logger: delivery.logger,
    schema: plan.schema,
    operation,
    operationName: delivery.operationName ?? null,
    metrics: {},
  } as unknown as GatewayRequestContext;
  try {
    return await executeQueryPlan(
      queryPlan,
      { ...delivery.services(), [EVENT_SOURCE]: eventSource(event) },
      requestContext,
      plan.operationContext,
      plan.supergraphSchema,
      plan.apiSchema,
    );
  } catch (error) {
    delivery.logger.error({ err: error }, 'could not complete a subscription event');
    return {
      errors: [
        new GraphQLError('Could not complete this event', { originalError: error as Error, extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
      ],
    };
  }
}
