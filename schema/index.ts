// The public entry of schema: what other workspaces may import.
export { supergraphPath } from './compose.ts';
export {
  defaultSubgraphPorts,
  domainSubgraphNames,
  subgraphNames,
  subgraphTypeDefs,
  type DomainSubgraphName,
  type SubgraphName,
} from './subgraphs.ts';
