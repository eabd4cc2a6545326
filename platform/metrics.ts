import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process. In the embedded default every service shares it, so `/metrics` on the
 * gateway shows each subgraph under its `service` label; run apart, each process exposes its own.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const graphqlRequestsTotal = new Counter({
  name: 'graphql_requests_total',
  help: 'GraphQL operations handled, by service, operation type and outcome.',
  labelNames: ['service', 'operation', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const graphqlRequestDuration = new Histogram({
  name: 'graphql_request_duration_seconds',
  help: 'Time from receiving a GraphQL operation to sending its response.',
  labelNames: ['service', 'operation'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export const dbQueriesTotal = new Counter({
  name: 'db_queries_total',
  help: 'SQL statements sent to the database, by service.',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
});
