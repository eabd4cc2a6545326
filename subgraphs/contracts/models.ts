import type { Connection, Edge } from '@procuregraph/platform/graphql';
import type { ContractRow, PriceTermRow } from './db/tables.ts';

export type ContractModel = ContractRow;
export type ContractConnectionModel = Connection<ContractModel>;
export type ContractEdgeModel = Edge<ContractModel>;
/** A price term carries its contract's currency, which its Money field needs. */
export type PriceTermModel = PriceTermRow & { currency: string };
/** Another subgraph's entity, known here by its key only. */
export type EntityReference = { id: string };
