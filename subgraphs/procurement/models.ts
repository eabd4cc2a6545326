import type { Connection, Edge } from '@procuregraph/platform/graphql';
import type { FacilityRow, PurchaseOrderLineRow, PurchaseOrderRow, ReceiptLineRow, ReceiptRow } from './db/tables.ts';

export type PurchaseOrderModel = PurchaseOrderRow;
export type PurchaseOrderConnectionModel = Connection<PurchaseOrderModel>;
export type PurchaseOrderEdgeModel = Edge<PurchaseOrderModel>;
/** A line carries its order's currency, which its Money fields need. */
export type PurchaseOrderLineModel = PurchaseOrderLineRow & { currency: string };
export type ReceiptModel = ReceiptRow;
export type ReceiptLineModel = ReceiptLineRow;
export type FacilityModel = FacilityRow;
/** Another subgraph's entity, known here by its key only. */
export type EntityReference = { id: string };
