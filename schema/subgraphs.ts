import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type DocumentNode } from 'graphql';
import { repositoryRoot } from '@procuregraph/platform/config';

/** The domain subgraphs: each owns its tables, an outbox and background work. */
export const domainSubgraphNames = ['suppliers', 'procurement', 'invoicing', 'contracts'] as const;
export type DomainSubgraphName = (typeof domainSubgraphNames)[number];

/** Every subgraph: the domains, and operations, which serves what the platform keeps for them all. */
export const subgraphNames = [...domainSubgraphNames, 'operations'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

/** Where each subgraph listens when started alone or by `npm start`. */
export const defaultSubgraphPorts: Readonly<Record<SubgraphName, number>> = {
  suppliers: 4001,
  procurement: 4002,
  invoicing: 4003,
  contracts: 4004,
  operations: 4005,
};

/**
 * The backing systems whose webhooks (`POST /webhooks/<system>`) each subgraph handles: the gateway
 * hands a delivery only to these, knowing no event type. A subgraph that declares webhooks of a
 * system not listed here for it refuses to start (runtime/subgraph-assembly.ts).
 */
const webhookSystems: Readonly<Record<SubgraphName, readonly string[]>> = {
  suppliers: ['vendor-platform'],
  procurement: ['vendor-platform', 'erp'],
  invoicing: ['vendor-platform', 'erp'],
  contracts: [],
  operations: [],
};

/** Whether the subgraph of that name handles the system's webhooks; no for a name that is not one of ours. */
export function receivesWebhooksOf(subgraph: string, system: string): boolean {
  return Object.hasOwn(webhookSystems, subgraph) && webhookSystems[subgraph as SubgraphName].includes(system);
}

export function defaultSubgraphUrl(name: SubgraphName): string {
  return `http://localhost:${defaultSubgraphPorts[name]}/graphql`;
}

/** A subgraph's SDL: the shared types followed by its own schema.graphql. */
export function subgraphTypeDefs(name: SubgraphName): DocumentNode {
  const shared = readFileSync(join(repositoryRoot, 'schema', 'shared.graphql'), 'utf8');
  const own = readFileSync(join(repositoryRoot, 'subgraphs', name, 'schema.graphql'), 'utf8');
  return parse(`${own}\n${shared}`);
}
