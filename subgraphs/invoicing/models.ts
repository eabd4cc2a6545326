import type { Connection, Edge } from '@procuregraph/platform/graphql';
import type { PaymentStatusChanged } from './events.ts';
import type {
  InvoiceLineRow,
  InvoiceRow,
  MatchEvaluationRow,
  MatchExceptionRow,
  MatchToleranceRow,
  PaymentApplicationRow,
  PaymentRow,
} from './db/tables.ts';

export type InvoiceModel = InvoiceRow;
export type InvoiceConnectionModel = Connection<InvoiceModel>;
export type InvoiceEdgeModel = Edge<InvoiceModel>;
/** A line carries its invoice's currency, which its Money fields need. */
export type InvoiceLineModel = InvoiceLineRow & { currency: string };
export type InvoiceMatchModel = Pick<InvoiceRow, 'id' | 'matchedAt' | 'matchContractId'> & {
  outcome: NonNullable<InvoiceRow['matchOutcome']>;
};
export type MatchEvaluationModel = MatchEvaluationRow;
/** An application carries its payment's currency, which its amount needs. */
export type PaymentApplicationModel = PaymentApplicationRow & { currency: string };
export type MatchExceptionModel = MatchExceptionRow;
export type PaymentModel = PaymentRow;
/** A live event is its notification's payload; its payment is read when it is delivered. */
export type PaymentStatusEventModel = PaymentStatusChanged;
export type PaymentConnectionModel = Connection<PaymentModel>;
export type PaymentEdgeModel = Edge<PaymentModel>;
/** A tolerance set for a supplier or a category; the defaults have neither scope nor time. */
export type MatchToleranceModel = Pick<
  MatchToleranceRow,
  'pricePct' | 'priceAmount' | 'quantityPct' | 'taxFreightPct' | 'taxFreightAmount'
> & {
  scope: MatchToleranceRow['scope'] | null;
  scopeKey: string | null;
  updatedAt: Date | null;
};
/** Another subgraph's entity, known here by its key only. */
export type EntityReference = { id: string };
