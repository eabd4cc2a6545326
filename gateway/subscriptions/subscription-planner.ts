import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { buildOperationContext, type ApolloGateway } from '@apollo/gateway';
// @apollo/federation-internals is the model the query planner works on (the gateway's own
// dependency, at the same pinned version): the planner takes its Supergraph and Operation.
import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import type { Logger } from '@procuregraph/platform/logging';

/** How one subscription operation runs: the primary fetch is the subscription on its owning subgraph, `rest` completes each event. */
export interface SubscriptionPlan {
  readonly primary: FetchNode;
  readonly rest: PlanNode | undefined;
  readonly operationContext: ReturnType<typeof buildOperationContext>;
  /** The schemas the plan was made against, which executing it needs. */
  readonly schema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
}

interface PlanningState {
  /** The API schema clients validate against. */
  readonly schema: GraphQLSchema;
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
  readonly planner: QueryPlanner;
}

function planningState(supergraphSdl: string): PlanningState {
  // The gateway has just built this very SDL (and, outside production, validated it).
  const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph: false });
  const apiSchema = supergraph.apiSchema();
  return {
    schema: apiSchema.toGraphQLJSSchema(),
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    apiSchema,
    planner: new QueryPlanner(supergraph),
  };
}

/**
 * Plans subscriptions against the supergraph the gateway serves now: @apollo/gateway plans them
 * but refuses to execute them, so this keeps its own planner, rebuilt on every supergraph the
 * gateway loads. A subscription keeps the plan it started with; new ones get the new supergraph.
 */
export class SubscriptionPlanner {
  private state: PlanningState | undefined;
  private readonly stopFollowing: () => void;

  constructor(
    gateway: ApolloGateway,
    private readonly logger: Logger,
  ) {
    this.stopFollowing = gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
      this.state = planningState(coreSupergraphSdl);
    });
  }

  /** The schema operations are validated against. */
  get schema(): GraphQLSchema {
    return this.current().schema;
  }

  plan(document: DocumentNode, operationName: string | undefined): SubscriptionPlan | GraphQLError {
    const state = this.current();
    const node = this.planNode(state, document, operationName);
    if (node instanceof GraphQLError) return node;
    return {
      primary: node.primary,
      rest: node.rest,
      operationContext: buildOperationContext({ schema: state.schema, operationDocument: document, operationName }),
      schema: state.schema,
      supergraphSchema: state.supergraphSchema,
      apiSchema: state.apiSchema,
    };
  }

  close(): void {
    this.stopFollowing();
  }

  private planNode(state: PlanningState, document: DocumentNode, operationName: string | undefined): SubscriptionNode | GraphQLError {
    try {
      const { node } = state.planner.buildQueryPlan(operationFromDocument(state.apiSchema, document, { operationName }));
      if (node?.kind === 'Subscription') return node;
      return new GraphQLError('Not a subscription', { extensions: { code: 'BAD_REQUEST' } });
    } catch (error) {
      this.logger.error({ err: error }, 'could not plan a subscription');
      return new GraphQLError('Could not plan this subscription', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    }
  }

  private current(): PlanningState {
    if (!this.state) throw new Error('The gateway has not loaded a supergraph yet');
    return this.state;
  }
}
