import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed resolvers for every subgraph (`npm run codegen`). Mappers tie each GraphQL type to the
 * model its resolvers return (mostly table rows), so a resolver that returns the wrong shape
 * does not type-check. CI fails when the generated files are stale.
 */
const subgraphs: Record<string, Record<string, string>> = {
  suppliers: {
    Supplier: './models.ts#SupplierModel',
    SupplierStatusEvent: './models.ts#SupplierStatusEventModel',
    SupplierConnection: './models.ts#SupplierConnectionModel',
    SupplierEdge: './models.ts#SupplierEdgeModel',
    InsuranceCertificate: './models.ts#InsuranceCertificateModel',
    ExternalReference: './models.ts#ExternalReferenceModel',
    SupplierHold: './models.ts#SupplierHoldModel',
    ComplianceDecision: './models.ts#ComplianceDecisionModel',
    ExclusionListRun: './models.ts#ExclusionListRunModel',
    ExclusionListRunConnection: './models.ts#ExclusionListRunConnectionModel',
    ExclusionListRunEdge: './models.ts#ExclusionListRunEdgeModel',
  },
  procurement: {
    PurchaseOrder: './models.ts#PurchaseOrderModel',
    PurchaseOrderConnection: './models.ts#PurchaseOrderConnectionModel',
    PurchaseOrderEdge: './models.ts#PurchaseOrderEdgeModel',
    PurchaseOrderLine: './models.ts#PurchaseOrderLineModel',
    Receipt: './models.ts#ReceiptModel',
    ReceiptLine: './models.ts#ReceiptLineModel',
    Facility: './models.ts#FacilityModel',
    Supplier: './models.ts#EntityReference',
    Contract: './models.ts#EntityReference',
  },
  invoicing: {
    Invoice: './models.ts#InvoiceModel',
    InvoiceConnection: './models.ts#InvoiceConnectionModel',
    InvoiceEdge: './models.ts#InvoiceEdgeModel',
    InvoiceLine: './models.ts#InvoiceLineModel',
    InvoiceMatch: './models.ts#InvoiceMatchModel',
    MatchException: './models.ts#MatchExceptionModel',
    CreditMemo: './models.ts#CreditMemoModel',
    Payment: './models.ts#PaymentModel',
    PaymentStatusEvent: './models.ts#PaymentStatusEventModel',
    PaymentConnection: './models.ts#PaymentConnectionModel',
    PaymentEdge: './models.ts#PaymentEdgeModel',
    PaymentApplication: './models.ts#PaymentApplicationModel',
    MatchEvaluation: './models.ts#MatchEvaluationModel',
    MatchTolerance: './models.ts#MatchToleranceModel',
    Supplier: './models.ts#EntityReference',
    PurchaseOrder: './models.ts#EntityReference',
    Contract: './models.ts#EntityReference',
  },
  contracts: {
    Contract: './models.ts#ContractModel',
    ContractConnection: './models.ts#ContractConnectionModel',
    ContractEdge: './models.ts#ContractEdgeModel',
    PriceTerm: './models.ts#PriceTermModel',
    Supplier: './models.ts#EntityReference',
  },
  operations: {
    SyncJob: './models.ts#SyncJobModel',
    SyncJobConnection: './models.ts#SyncJobConnectionModel',
    SyncJobEdge: './models.ts#SyncJobEdgeModel',
    DeadLetter: './models.ts#DeadLetterModel',
    DeadLetterConnection: './models.ts#DeadLetterConnectionModel',
    DeadLetterEdge: './models.ts#DeadLetterEdgeModel',
    IntegrationSystem: './models.ts#IntegrationSystemModel',
    SyncBacklog: './models.ts#SyncBacklogModel',
    FeedLag: './models.ts#FeedLagModel',
    AuditEvent: './models.ts#AuditEventModel',
    AuditEventConnection: './models.ts#AuditEventConnectionModel',
    AuditEventEdge: './models.ts#AuditEventEdgeModel',
    ReconciliationRun: './models.ts#ReconciliationRunModel',
    ReconciliationRunConnection: './models.ts#ReconciliationRunConnectionModel',
    ReconciliationRunEdge: './models.ts#ReconciliationRunEdgeModel',
    DriftFinding: './models.ts#DriftFindingModel',
    DriftFindingConnection: './models.ts#DriftFindingConnectionModel',
    DriftFindingEdge: './models.ts#DriftFindingEdgeModel',
    TradingPartner: './models.ts#TradingPartnerModel',
    TradingPartnerConnection: './models.ts#TradingPartnerConnectionModel',
    TradingPartnerEdge: './models.ts#TradingPartnerEdgeModel',
    EdiDocument: './models.ts#EdiDocumentModel',
    EdiDocumentConnection: './models.ts#EdiDocumentConnectionModel',
    EdiDocumentEdge: './models.ts#EdiDocumentEdgeModel',
    BusinessMetrics: './models.ts#BusinessMetricsModel',
  },
};

/** Scalars as JSON carries them: what a client reads and writes. */
const scalarsOnTheWire = { Date: 'string', DateTime: 'string', Decimal: 'string' };

/**
 * Typed documents for the end-to-end tests: each `graphql(\`…\`)` in `test/` is checked against the
 * supergraph and gives the gateway test client its result and variables types.
 */
const testOperations: CodegenConfig['generates'] = {
  'test/generated/': {
    preset: 'client',
    schema: 'schema/supergraph.graphql',
    documents: ['test/**/*.ts', '!test/generated/**', '!test/node_modules/**'],
    presetConfig: { fragmentMasking: false },
    config: {
      useTypeImports: true,
      enumsAsTypes: true,
      importExtension: '.ts',
      scalars: scalarsOnTheWire,
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      maybeValue: 'T | null',
    },
  },
};

const config: CodegenConfig = {
  overwrite: true,
  hooks: {},
  generates: {
    ...testOperations,
    ...Object.fromEntries(
      Object.entries(subgraphs).map(([name, mappers]) => [
        `subgraphs/${name}/generated/resolvers-types.ts`,
        {
          schema: [`subgraphs/${name}/schema.graphql`, 'schema/shared.graphql'],
          plugins: [
            { add: { content: '/* Generated by `npm run codegen` from the schema; do not edit. */' } },
            'typescript',
            'typescript-resolvers',
          ],
          config: {
            federation: true,
            useTypeImports: true,
            enumsAsTypes: true,
            contextType: `../context.ts#${name[0]!.toUpperCase()}${name.slice(1)}Context`,
            mappers: Object.fromEntries(Object.entries(mappers).map(([type, path]) => [type, path.replace('./', '../')])),
            scalars: {
              Date: { input: 'string', output: 'string' },
              DateTime: { input: 'Date', output: 'Date | string' },
              Decimal: { input: 'string', output: 'string' },
            },
            avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
            maybeValue: 'T | null',
            inputMaybeValue: 'T | null | undefined',
            emitLegacyCommonJSImports: false,
          },
        },
      ]),
    ),
  },
};

export default config;
