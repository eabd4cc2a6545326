import type { Connection, Edge } from '@procuregraph/platform/graphql/connection';
import type { ExternalReferenceRow, InsuranceCertificateRow, SupplierRow } from './db/tables.ts';

/** What the resolvers of each GraphQL type receive as parent (codegen mappers). */
export type SupplierModel = SupplierRow;
export type SupplierConnectionModel = Connection<SupplierModel>;
export type SupplierEdgeModel = Edge<SupplierModel>;
export type InsuranceCertificateModel = InsuranceCertificateRow;
export type ExternalReferenceModel = ExternalReferenceRow;
