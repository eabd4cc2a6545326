import {
  getNamedType,
  getVariableValues,
  GraphQLError,
  isListType,
  isNonNullType,
  isUnionType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values.js';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DEFAULT_PAGE_SIZE } from '@procuregraph/platform/graphql';

/**
 * How many records one operation may return, counted the way GitHub's GraphQL API counts them:
 * each connection returns as many nodes as its page size (`first`, a literal or a variable, or the
 * default page size when it is omitted) for every node of the connection around it, so
 * `suppliers(first: 20) { nodes { purchaseOrders(first: 10) { … } } }` may return 20 + 20 × 10.
 * A plain list that is not a connection (an invoice's payments, an order's lines) counts as
 * LIST_SIZE_ESTIMATE items. The sum over every connection and list is the operation's node count.
 */
export const MAX_NODES = 500_000;

/** What a plain list is assumed to hold: its rows belong to one record (lines, payments, receipts). */
export const LIST_SIZE_ESTIMATE = 10;

export const NODE_LIMIT_CODE = 'QUERY_TOO_COMPLEX';

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

interface Counting {
  readonly schema: GraphQLSchema;
  readonly fragments: Fragments;
  readonly variables: Record<string, unknown>;
}

/**
 * The node count of `operation` with its variables, or undefined when the variables do not fit
 * the operation (execution reports that with its own error).
 */
export function countNodes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | undefined,
): number | undefined {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  if (coerced.errors) return undefined;
  const root = schema.getRootType(operation.operation);
  if (!root) return undefined;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  return countSelection({ schema, fragments, variables: coerced.coerced }, root, operation.selectionSet, 1);
}

/**
 * The refusal (QUERY_TOO_COMPLEX, with the computed figure) of an operation that may return more
 * than MAX_NODES, or undefined when it may run; over HTTP, `http` gives its status (400).
 */
export function nodeLimitRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
  http?: { status: number },
): GraphQLError | undefined {
  const nodes = countNodes(schema, document, operation, variables);
  if (nodes === undefined || nodes <= MAX_NODES) return undefined;
  return new GraphQLError(
    `This operation may return up to ${nodes.toLocaleString('en-US')} nodes; the limit is ${MAX_NODES.toLocaleString('en-US')}. Ask for smaller pages (first).`,
    {
      extensions: { code: NODE_LIMIT_CODE, nodeCount: nodes, maxNodes: MAX_NODES, ...(http ? { http } : {}) },
    },
  );
}

/** `parents` is how many instances of `type` the operation may reach (the product of the page sizes above). */
function countSelection(counting: Counting, type: GraphQLCompositeType, selectionSet: SelectionSetNode, parents: number): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // A union has no fields of its own (only __typename); its members' come through fragments.
      const field = isUnionType(type) ? undefined : type.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      const { items, counted } = fieldItems(counting, type, field, selection, parents);
      total +=
        (counted ? items : 0) + countSelection(counting, getNamedType(field.type) as GraphQLCompositeType, selection.selectionSet, items);
    } else {
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : counting.fragments.get(selection.name.value);
      if (!fragment) continue;
      const condition = fragment.typeCondition
        ? (typeFromAST(counting.schema, fragment.typeCondition) as GraphQLCompositeType | undefined)
        : type;
      total += countSelection(counting, condition ?? type, fragment.selectionSet, parents);
    }
  }
  return total;
}

/**
 * How many items `field` returns for `parents` parents, and whether they count as nodes: a
 * connection's pages do; its `nodes` and `edges` are those pages again and do not; a plain list
 * does, LIST_SIZE_ESTIMATE per parent; a single object does not.
 */
function fieldItems(
  counting: Counting,
  parent: GraphQLCompositeType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  parents: number,
): { items: number; counted: boolean } {
  if (isConnection(field)) return { items: parents * pageSize(getArgumentValues(field, node, counting.variables)), counted: true };
  if (isList(field.type) && !parent.name.endsWith('Connection')) return { items: parents * LIST_SIZE_ESTIMATE, counted: true };
  return { items: parents, counted: false };
}

function pageSize(args: Record<string, unknown>): number {
  const size = args.first ?? args.last ?? DEFAULT_PAGE_SIZE;
  return typeof size === 'number' && size > 0 ? size : 0;
}

function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return getNamedType(field.type).name.endsWith('Connection');
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** Refuses, before any subgraph is asked, an HTTP operation that may return more than MAX_NODES. */
export function nodeLimitPlugin<Context extends BaseContext>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = nodeLimitRefusal(schema, document, operation, request.variables, { status: 400 });
          if (refusal) throw refusal;
        },
      };
    },
  };
}
