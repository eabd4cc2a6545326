/**
 * The Hive Gateway peer: its runtime with default settings over the benchmark's supergraph
 * (SUPERGRAPH_PATH), on PORT, propagating the caller header our subgraphs require. With
 * HIVE_DEDUPLICATE_INFLIGHT=off it sends every subgraph request, instead of sharing one answer
 * among identical requests in flight (its default), which identical load would otherwise favour.
 * With HIVE_QUERY_PLANNER=rust it plans with Hive's Rust query planner runtime
 * (`@graphql-hive/router-runtime`) instead of its JavaScript one.
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { CALLER_HEADER } from '@procuregraph/platform/auth';

const gateway = createGatewayRuntime({
  supergraph: process.env.SUPERGRAPH_PATH!,
  logging: 'warn',
  ...(process.env.HIVE_QUERY_PLANNER === 'rust' ? { unifiedGraphHandler } : {}),
  ...(process.env.HIVE_DEDUPLICATE_INFLIGHT === 'off'
    ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }
    : {}),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ [CALLER_HEADER]: request.headers.get(CALLER_HEADER) }),
  },
});
const server = createServer(gateway);
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () =>
  server.close(async () => {
    await gateway.dispose();
    process.exit(0);
  }),
);
