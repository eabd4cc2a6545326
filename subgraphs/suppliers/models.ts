import type { Connection, Edge } from '@procuregraph/platform/graphql';
import type { SupplierStatusChanged } from './events.ts';
import type {
  ComplianceDecisionRow,
  ExclusionListRunRow,
  ExternalReferenceRow,
  InsuranceCertificateRow,
  SupplierHoldRow,
  SupplierRow,
} from './db/tables.ts';

/** What the resolvers of each GraphQL type receive as parent (codegen mappers). */
export type SupplierModel = SupplierRow;
export type SupplierConnectionModel = Connection<SupplierModel>;
export type SupplierEdgeModel = Edge<SupplierModel>;
export type InsuranceCertificateModel = InsuranceCertificateRow;
export type ExternalReferenceModel = ExternalReferenceRow;
/** A live event is its notification's payload; its supplier is read when it is delivered. */
export type SupplierStatusEventModel = SupplierStatusChanged;
export type SupplierHoldModel = SupplierHoldRow;
export type ComplianceDecisionModel = ComplianceDecisionRow;
export type ExclusionListRunModel = ExclusionListRunRow;
export type ExclusionListRunConnectionModel = Connection<ExclusionListRunModel>;
export type ExclusionListRunEdgeModel = Edge<ExclusionListRunModel>;
