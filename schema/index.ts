// The public entry of schema: what other workspaces may import.
export { supergraphPath } from './compose.ts';
export {
  defaultSubgraphPorts,
  domainSubgraphNames,
  receivesWebhooksOf,
  subgraphNames,
  subgraphTypeDefs,
  type DomainSubgraphName,
  type SubgraphName,
} from './subgraphs.ts';
