/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation OnboardForAudit($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id } userErrors { code } }\n}": typeof types.OnboardForAuditDocument,
    "mutation ApproveForAudit($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }": typeof types.ApproveForAuditDocument,
    "query AuditTrail($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes { actor role supplierId service kind operation recordType recordId clientAddress outcome detail { operationName codes } }\n  }\n}": typeof types.AuditTrailDocument,
    "query BankDetails($id: ID!) {\n        first: supplier(id: $id) { bankAccount { accountNumberMasked } taxIdMasked }\n        again: supplier(id: $id) { bankAccount { accountType } }\n      }": typeof types.BankDetailsDocument,
    "query SuppliersWithoutSecrets { suppliers(first: 5) { nodes { id legalName status } } }": typeof types.SuppliersWithoutSecretsDocument,
    "query UnrecordedBankDetails($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }": typeof types.UnrecordedBankDetailsDocument,
    "subscription WatchSupplier($id: ID) { supplierStatusChanged(supplierId: $id) { status supplier { bankAccount { accountNumberMasked } } } }": typeof types.WatchSupplierDocument,
    "query GuardedBankAccount($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }": typeof types.GuardedBankAccountDocument,
    "query GuardedTaxId($id: ID!) { supplier(id: $id) { legalName taxIdMasked } }": typeof types.GuardedTaxIdDocument,
    "query GuardedScreeningMatch($id: ID!) { supplier(id: $id) { legalName screening { status match } } }": typeof types.GuardedScreeningMatchDocument,
    "query InvoiceSupplierBankAccount($id: ID!) { invoice(id: $id) { invoiceNumber supplier { id bankAccount { accountNumberMasked } } } }": typeof types.InvoiceSupplierBankAccountDocument,
    "mutation ApproveAsFinance($id: ID!) { approveSupplier(id: $id) { supplier { status } } }": typeof types.ApproveAsFinanceDocument,
    "query PendingSupplierStatus($id: ID!) { supplier(id: $id) { status } }": typeof types.PendingSupplierStatusDocument,
    "query ComplianceHolds1 ($id: ID!) {\n  supplier(id: $id) { status screening { status match } holds { reason } complianceDecisions { decision reason decidedBy screeningStatus } }\n}": typeof types.ComplianceHolds1Document,
    "mutation ReloadForCompliance {\n  reloadExclusionList {\n    excluded putOnHold userErrors { code }\n    run { trigger state checked newlyExcluded reinstated putOnHold source finishedAt }\n  }\n}": typeof types.ReloadForComplianceDocument,
    "mutation ComplianceHolds2 ($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code message } } }": typeof types.ComplianceHolds2Document,
    "mutation ComplianceHolds3 ($id: ID!, $certificate: InsuranceCertificateInput!) {\n  addInsuranceCertificate(supplierId: $id, certificate: $certificate) { supplier { status insuranceStatus holds { reason } } userErrors { code } }\n}": typeof types.ComplianceHolds3Document,
    "mutation DecideMatch($input: ResolveScreeningMatchInput!) {\n  resolveScreeningMatch(input: $input) {\n    supplier { id status screening { status } holds { reason } }\n    decision { decision reason decidedBy screeningStatus }\n    userErrors { field code }\n  }\n}": typeof types.DecideMatchDocument,
    "query ComplianceHoldsRuns { exclusionListRuns(first: 1) { totalCount nodes { trigger state newlyExcluded } } }": typeof types.ComplianceHoldsRunsDocument,
    "query ComplianceHoldsAudit($filter: AuditEventFilter) { auditEvents(first: 10, filter: $filter) { nodes { actor role operation recordType recordId outcome detail { operationName } } } }": typeof types.ComplianceHoldsAuditDocument,
    "query Refusals($filter: AuditEventFilter) { auditEvents(first: 20, filter: $filter) {\n        nodes { actor role service kind operation clientAddress outcome detail { operationName codes } } } }": typeof types.RefusalsDocument,
    "query Supplier360($id: ID!) {\n        supplier(id: $id) {\n          legalName status taxIdMasked\n          bankAccount { routingNumber accountNumberMasked }\n          externalReferences { system externalId }\n          purchaseOrders(first: 1) {\n            totalCount\n            nodes { number total { amount currency } lines { lineNumber amount { amount } } supplier { legalName } invoices { totalCount } }\n          }\n          invoices { totalCount }\n          payments { totalCount }\n          contracts { totalCount nodes { number supplier { supplierNumber } } }\n        }\n      }": typeof types.Supplier360Document,
    "query PaymentToOrder($id: ID!) { payment(id: $id) { status amount { amount } invoice { invoiceNumber status purchaseOrder { number } supplier { legalName } payments { id } } } }": typeof types.PaymentToOrderDocument,
    "query SupplierPage($first: Int, $after: String) { suppliers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }": typeof types.SupplierPageDocument,
    "query ActiveAndMedical { active: suppliers(filter: { status: ACTIVE }) { totalCount } medical: suppliers(filter: { search: \"MEDICAL\" }) { totalCount } }": typeof types.ActiveAndMedicalDocument,
    "query PercentSearch { suppliers(filter: { search: \"%\" }) { totalCount } }": typeof types.PercentSearchDocument,
    "query ListFilters($supplierId: ID!) {\n        bySupplier: purchaseOrders(filter: { supplierId: $supplierId }) { totalCount }\n        open: purchaseOrders(filter: { status: OPEN }) { totalCount }\n        exceptions: invoices(filter: { status: EXCEPTION }) { totalCount }\n        payablesQueue: invoices(filter: { queue: ACCOUNTS_PAYABLE }) { totalCount }\n        buyerQueue: invoices(filter: { queue: BUYER }) { totalCount }\n        contractQueue: invoices(filter: { queue: CONTRACT_MANAGEMENT }) { totalCount }\n        activeContracts: contracts(filter: { status: ACTIVE }) { totalCount }\n      }": typeof types.ListFiltersDocument,
    "query FirstOrderCursor { purchaseOrders(first: 1) { pageInfo { endCursor } } }": typeof types.FirstOrderCursorDocument,
    "query UnknownAndMalformed($unknown: ID!, $malformed: ID!) { unknown: supplier(id: $unknown) { id } malformed: invoice(id: $malformed) { id } }": typeof types.UnknownAndMalformedDocument,
    "query SupplierCount { suppliers { totalCount } }": typeof types.SupplierCountDocument,
    "query BatchedSuppliers($first: Int!) {\n    suppliers(first: $first) {\n      nodes {\n        id insuranceCertificates { type } externalReferences { system } syncStatus { state }\n        purchaseOrders(first: 5) { totalCount nodes { number lines { itemNumber } receipts { lines { quantityReceived } } contract { number } } }\n        invoices(first: 5) { totalCount nodes { invoiceNumber lines { amount { amount } } payments { status } match { exceptions { code } } } }\n        payments(first: 5) { totalCount nodes { status } }\n        contracts(first: 3) { totalCount nodes { number priceTerms { itemNumber } } }\n      }\n    }\n  }": typeof types.BatchedSuppliersDocument,
    "mutation OnboardHostile($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) {\n    supplier { id legalName dbaName address { line1 line2 city } contact { name } }\n    userErrors { field code message }\n  }\n}": typeof types.OnboardHostileDocument,
    "query SearchHostile($search: String) { suppliers(first: 10, filter: { search: $search }) { totalCount nodes { id legalName } } }": typeof types.SearchHostileDocument,
    "query HostileTextBack($id: ID!) { supplier(id: $id) { dbaName address { line1 line2 city } contact { name } } }": typeof types.HostileTextBackDocument,
    "mutation RejectHostile($id: ID!, $reason: String!) { rejectSupplier(id: $id, reason: $reason) { supplier { status rejectionReason } userErrors { code } } }": typeof types.RejectHostileDocument,
    "mutation IssueHostileLine($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id lines { description } } userErrors { code } } }": typeof types.IssueHostileLineDocument,
    "mutation SubmitHostileInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id invoiceNumber } userErrors { code } } }": typeof types.SubmitHostileInvoiceDocument,
    "query HostileInvoiceBack($id: ID!) { invoice(id: $id) { invoiceNumber } }": typeof types.HostileInvoiceBackDocument,
    "mutation InvoiceMatching1 ($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice { id status match { outcome contract { id number } exceptions { code lineNumber expected actual message } } }\n    userErrors { field code message }\n  }\n}": typeof types.InvoiceMatching1Document,
    "query InvoiceMatching2 ($id: ID!) {\n  invoice(id: $id) {\n    status\n    match { outcome exceptions { code } }\n    matchHistory { trigger outcome exceptionCodes evaluatedAt contract { id } }\n  }\n}": typeof types.InvoiceMatching2Document,
    "mutation InvoiceMatching3 ($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code } } }": typeof types.InvoiceMatching3Document,
    "query InvoiceMatching4 ($id: ID!) { purchaseOrder(id: $id) { id status lines { lineNumber itemNumber quantity unitPrice { amount } } } }": typeof types.InvoiceMatching4Document,
    "mutation InvoiceMatching5 ($input: RecordReceiptInput!) { recordReceipt(input: $input) { userErrors { code } } }": typeof types.InvoiceMatching5Document,
    "query InvoiceMatching6 ($id: ID!) { purchaseOrder(id: $id) { invoices(first: 20) { totalCount nodes { id } } } }": typeof types.InvoiceMatching6Document,
    "mutation InvoiceMatching7 ($input: SetMatchToleranceInput!) {\n      setMatchTolerance(input: $input) { tolerance { supplier { id } supplierCategory pricePct priceAmount quantityPct } userErrors { code } }\n    }": typeof types.InvoiceMatching7Document,
    "query InvoiceMatching8 { matchTolerances { defaults { pricePct priceAmount quantityPct updatedAt } set { supplier { id } supplierCategory priceAmount } } }": typeof types.InvoiceMatching8Document,
    "query InvoicePayments1 ($id: ID!) {\n  invoice(id: $id) {\n    status amountPaid { amount } amountDue { amount }\n    payments { status amount { amount } applications { invoice { id } amount { amount } } }\n  }\n}": typeof types.InvoicePayments1Document,
    "mutation InvoicePayments2 ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id match { exceptions { id } } } userErrors { code } } }": typeof types.InvoicePayments2Document,
    "mutation InvoicePayments3 ($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { userErrors { code } } }": typeof types.InvoicePayments3Document,
    "mutation InvoicePayments4 ($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }": typeof types.InvoicePayments4Document,
    "mutation SubmitInvoice($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice {\n      id invoiceNumber status total { amount currency }\n      supplier { legalName } purchaseOrder { number }\n      lines { lineNumber itemNumber quantity unitPrice { amount } amount { amount } }\n      match { outcome exceptions { id code queue lineNumber expected actual message } }\n    }\n    userErrors { field code message }\n  }\n}": typeof types.SubmitInvoiceDocument,
    "mutation ApproveInvoiceErrors($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }": typeof types.ApproveInvoiceErrorsDocument,
    "mutation ApproveInvoiceWithSync($id: ID!) { approveInvoice(id: $id) { invoice { status syncStatus { system state } } userErrors { code } } }": typeof types.ApproveInvoiceWithSyncDocument,
    "query BuyerQueue { invoices(first: 200, filter: { queue: BUYER }) { nodes { id } } }": typeof types.BuyerQueueDocument,
    "mutation ResolveMatchException($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { exception { resolution resolvedBy resolutionReason resolvedAt } userErrors { code } } }": typeof types.ResolveMatchExceptionDocument,
    "mutation ApproveInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }": typeof types.ApproveInvoiceDocument,
    "query DeadLetters($system: BackingSystem) {\n  deadLetters(first: 20, filter: { system: $system }) {\n    totalCount\n    nodes { id service queue system entityId topic attempts lastError deadLetteredAt }\n  }\n}": typeof types.DeadLettersDocument,
    "query IntegrationSystems { integrationSystems { system circuit reportingProcesses backlog { queued retrying active deadLettered } } }": typeof types.IntegrationSystemsDocument,
    "mutation ReplayDeadLetter($id: ID!) {\n  replayDeadLetter(id: $id) { job { id service queue system entityId state } userErrors { field code message } }\n}": typeof types.ReplayDeadLetterDocument,
    "mutation OnboardSupplier($input: OnboardSupplierInput!) { onboardSupplier(input: $input) { supplier { id } userErrors { code message } } }": typeof types.OnboardSupplierDocument,
    "mutation ApproveSupplier($id: ID!) { approveSupplier(id: $id) { userErrors { code } } }": typeof types.ApproveSupplierDocument,
    "query SupplierSync($id: ID!) { supplier(id: $id) { status syncStatus { system state lastError } } }": typeof types.SupplierSyncDocument,
    "query FailedErpJobs { syncJobs(first: 50, filter: { system: ERP, state: FAILED }) { totalCount nodes { entityId queue state lastError } } }": typeof types.FailedErpJobsDocument,
    "query SupplierSyncJobs($after: String) { syncJobs(first: 2, after: $after, filter: { service: \"suppliers\" }) { totalCount pageInfo { hasNextPage endCursor } nodes { id service } } }": typeof types.SupplierSyncJobsDocument,
    "query SupplierSeenByPartner($id: ID!) { supplier(id: $id) { id } }": typeof types.SupplierSeenByPartnerDocument,
    "query PurchaseOrderSeenByPartner($id: ID!) { purchaseOrder(id: $id) { id } }": typeof types.PurchaseOrderSeenByPartnerDocument,
    "query InvoiceSeenByPartner($id: ID!) { invoice(id: $id) { id } }": typeof types.InvoiceSeenByPartnerDocument,
    "query PaymentSeenByPartner($id: ID!) { payment(id: $id) { id } }": typeof types.PaymentSeenByPartnerDocument,
    "query ContractSeenByPartner($id: ID!) { contract(id: $id) { id } }": typeof types.ContractSeenByPartnerDocument,
    "query VisibleSuppliers($filter: SupplierFilter) { suppliers(first: 200, filter: $filter) { totalCount nodes { id } } }": typeof types.VisibleSuppliersDocument,
    "query OwnRecordCounts { purchaseOrders(first: 200) { totalCount } invoices(first: 200) { totalCount } contracts(first: 200) { totalCount } }": typeof types.OwnRecordCountsDocument,
    "mutation InvoiceAgainstOtherOrder($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id purchaseOrder { id number orderDate } } userErrors { field code message } } }": typeof types.InvoiceAgainstOtherOrderDocument,
    "query InvoicesOfOrder($id: ID!) { purchaseOrder(id: $id) { invoices(first: 200) { nodes { invoiceNumber } } } }": typeof types.InvoicesOfOrderDocument,
    "\n    subscription SupplierPaymentEvents($supplierId: ID) {\n      paymentStatusChanged(supplierId: $supplierId) {\n        status\n        payment {\n          id\n          supplier {\n            id\n          }\n        }\n      }\n    }\n  ": typeof types.SupplierPaymentEventsDocument,
    "query OpenOrderLines($id: ID!) { purchaseOrder(id: $id) { number status lines { lineNumber itemNumber quantity unitPrice { amount } } } }": typeof types.OpenOrderLinesDocument,
    "query InvoiceStatus($id: ID!) { invoice(id: $id) { status } }": typeof types.InvoiceStatusDocument,
    "mutation OnboardLakeshore($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id legalName status taxIdMasked } userErrors { field code message } }\n}": typeof types.OnboardLakeshoreDocument,
    "query SupplierReferences($id: ID!) { supplier(id: $id) { status externalReferences { system externalId } } }": typeof types.SupplierReferencesDocument,
    "subscription NewSupplierStatus($supplierId: ID) { supplierStatusChanged(supplierId: $supplierId) { previousStatus status supplier { legalName } } }": typeof types.NewSupplierStatusDocument,
    "mutation ApproveNewSupplier($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }": typeof types.ApproveNewSupplierDocument,
    "mutation IssueOrder($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code message } } }": typeof types.IssueOrderDocument,
    "mutation ReceiveOrder($input: RecordReceiptInput!) { recordReceipt(input: $input) { receipt { id } userErrors { code } } }": typeof types.ReceiveOrderDocument,
    "mutation SubmitOrderInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id status total { amount } match { outcome exceptions { code } } } userErrors { code message } } }": typeof types.SubmitOrderInvoiceDocument,
    "query ProcureToPay1 ($id: ID!) { invoice(id: $id) { status match { outcome exceptions { code } } } }": typeof types.ProcureToPay1Document,
    "subscription InvoicePaymentStatus($invoiceId: ID) { paymentStatusChanged(invoiceId: $invoiceId) { status previousStatus payment { amount { amount } invoice { invoiceNumber purchaseOrder { number } } supplier { legalName } } } }": typeof types.InvoicePaymentStatusDocument,
    "mutation ApproveOrderInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }": typeof types.ApproveOrderInvoiceDocument,
    "query InvoiceSync($id: ID!) { invoice(id: $id) { syncStatus { system state } } }": typeof types.InvoiceSyncDocument,
    "mutation IssuePurchaseOrder($input: IssuePurchaseOrderInput!) {\n  issuePurchaseOrder(input: $input) {\n    purchaseOrder { id number status total { amount currency } lines { lineNumber quantity unitPrice { amount } amount { amount } } supplier { id } publication { state } }\n    userErrors { field message code }\n  }\n}": typeof types.IssuePurchaseOrderDocument,
    "mutation RecordReceipt($input: RecordReceiptInput!) {\n  recordReceipt(input: $input) {\n    receipt { id receivedAt lines { lineNumber quantityReceived } }\n    userErrors { field code }\n  }\n}": typeof types.RecordReceiptDocument,
    "query PurchaseOrderPublication($id: ID!) { purchaseOrder(id: $id) { number status publication { state } syncStatus { system state } } }": typeof types.PurchaseOrderPublicationDocument,
    "query PurchaseOrderReceipts($id: ID!) { purchaseOrder(id: $id) { status receipts { id } } }": typeof types.PurchaseOrderReceiptsDocument,
    "query WithinLimits { suppliers(first: 2) { totalCount nodes { legalName } } }": typeof types.WithinLimitsDocument,
    "\n  subscription PaymentStatus($supplierId: ID, $invoiceId: ID) {\n    paymentStatusChanged(supplierId: $supplierId, invoiceId: $invoiceId) {\n      previousStatus\n      status\n      occurredAt\n      payment {\n        id\n        invoice {\n          invoiceNumber\n          purchaseOrder {\n            number\n          }\n        }\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n": typeof types.PaymentStatusDocument,
    "\n  subscription SupplierStatus($supplierId: ID) {\n    supplierStatusChanged(supplierId: $supplierId) {\n      previousStatus\n      status\n      supplier {\n        id\n        legalName\n        status\n        payments {\n          totalCount\n        }\n      }\n    }\n  }\n": typeof types.SupplierStatusDocument,
    "\n  subscription PaymentStatusOnly {\n    paymentStatusChanged {\n      status\n      payment {\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n": typeof types.PaymentStatusOnlyDocument,
};
const documents: Documents = {
    "mutation OnboardForAudit($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id } userErrors { code } }\n}": types.OnboardForAuditDocument,
    "mutation ApproveForAudit($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }": types.ApproveForAuditDocument,
    "query AuditTrail($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes { actor role supplierId service kind operation recordType recordId clientAddress outcome detail { operationName codes } }\n  }\n}": types.AuditTrailDocument,
    "query BankDetails($id: ID!) {\n        first: supplier(id: $id) { bankAccount { accountNumberMasked } taxIdMasked }\n        again: supplier(id: $id) { bankAccount { accountType } }\n      }": types.BankDetailsDocument,
    "query SuppliersWithoutSecrets { suppliers(first: 5) { nodes { id legalName status } } }": types.SuppliersWithoutSecretsDocument,
    "query UnrecordedBankDetails($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }": types.UnrecordedBankDetailsDocument,
    "subscription WatchSupplier($id: ID) { supplierStatusChanged(supplierId: $id) { status supplier { bankAccount { accountNumberMasked } } } }": types.WatchSupplierDocument,
    "query GuardedBankAccount($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }": types.GuardedBankAccountDocument,
    "query GuardedTaxId($id: ID!) { supplier(id: $id) { legalName taxIdMasked } }": types.GuardedTaxIdDocument,
    "query GuardedScreeningMatch($id: ID!) { supplier(id: $id) { legalName screening { status match } } }": types.GuardedScreeningMatchDocument,
    "query InvoiceSupplierBankAccount($id: ID!) { invoice(id: $id) { invoiceNumber supplier { id bankAccount { accountNumberMasked } } } }": types.InvoiceSupplierBankAccountDocument,
    "mutation ApproveAsFinance($id: ID!) { approveSupplier(id: $id) { supplier { status } } }": types.ApproveAsFinanceDocument,
    "query PendingSupplierStatus($id: ID!) { supplier(id: $id) { status } }": types.PendingSupplierStatusDocument,
    "query ComplianceHolds1 ($id: ID!) {\n  supplier(id: $id) { status screening { status match } holds { reason } complianceDecisions { decision reason decidedBy screeningStatus } }\n}": types.ComplianceHolds1Document,
    "mutation ReloadForCompliance {\n  reloadExclusionList {\n    excluded putOnHold userErrors { code }\n    run { trigger state checked newlyExcluded reinstated putOnHold source finishedAt }\n  }\n}": types.ReloadForComplianceDocument,
    "mutation ComplianceHolds2 ($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code message } } }": types.ComplianceHolds2Document,
    "mutation ComplianceHolds3 ($id: ID!, $certificate: InsuranceCertificateInput!) {\n  addInsuranceCertificate(supplierId: $id, certificate: $certificate) { supplier { status insuranceStatus holds { reason } } userErrors { code } }\n}": types.ComplianceHolds3Document,
    "mutation DecideMatch($input: ResolveScreeningMatchInput!) {\n  resolveScreeningMatch(input: $input) {\n    supplier { id status screening { status } holds { reason } }\n    decision { decision reason decidedBy screeningStatus }\n    userErrors { field code }\n  }\n}": types.DecideMatchDocument,
    "query ComplianceHoldsRuns { exclusionListRuns(first: 1) { totalCount nodes { trigger state newlyExcluded } } }": types.ComplianceHoldsRunsDocument,
    "query ComplianceHoldsAudit($filter: AuditEventFilter) { auditEvents(first: 10, filter: $filter) { nodes { actor role operation recordType recordId outcome detail { operationName } } } }": types.ComplianceHoldsAuditDocument,
    "query Refusals($filter: AuditEventFilter) { auditEvents(first: 20, filter: $filter) {\n        nodes { actor role service kind operation clientAddress outcome detail { operationName codes } } } }": types.RefusalsDocument,
    "query Supplier360($id: ID!) {\n        supplier(id: $id) {\n          legalName status taxIdMasked\n          bankAccount { routingNumber accountNumberMasked }\n          externalReferences { system externalId }\n          purchaseOrders(first: 1) {\n            totalCount\n            nodes { number total { amount currency } lines { lineNumber amount { amount } } supplier { legalName } invoices { totalCount } }\n          }\n          invoices { totalCount }\n          payments { totalCount }\n          contracts { totalCount nodes { number supplier { supplierNumber } } }\n        }\n      }": types.Supplier360Document,
    "query PaymentToOrder($id: ID!) { payment(id: $id) { status amount { amount } invoice { invoiceNumber status purchaseOrder { number } supplier { legalName } payments { id } } } }": types.PaymentToOrderDocument,
    "query SupplierPage($first: Int, $after: String) { suppliers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }": types.SupplierPageDocument,
    "query ActiveAndMedical { active: suppliers(filter: { status: ACTIVE }) { totalCount } medical: suppliers(filter: { search: \"MEDICAL\" }) { totalCount } }": types.ActiveAndMedicalDocument,
    "query PercentSearch { suppliers(filter: { search: \"%\" }) { totalCount } }": types.PercentSearchDocument,
    "query ListFilters($supplierId: ID!) {\n        bySupplier: purchaseOrders(filter: { supplierId: $supplierId }) { totalCount }\n        open: purchaseOrders(filter: { status: OPEN }) { totalCount }\n        exceptions: invoices(filter: { status: EXCEPTION }) { totalCount }\n        payablesQueue: invoices(filter: { queue: ACCOUNTS_PAYABLE }) { totalCount }\n        buyerQueue: invoices(filter: { queue: BUYER }) { totalCount }\n        contractQueue: invoices(filter: { queue: CONTRACT_MANAGEMENT }) { totalCount }\n        activeContracts: contracts(filter: { status: ACTIVE }) { totalCount }\n      }": types.ListFiltersDocument,
    "query FirstOrderCursor { purchaseOrders(first: 1) { pageInfo { endCursor } } }": types.FirstOrderCursorDocument,
    "query UnknownAndMalformed($unknown: ID!, $malformed: ID!) { unknown: supplier(id: $unknown) { id } malformed: invoice(id: $malformed) { id } }": types.UnknownAndMalformedDocument,
    "query SupplierCount { suppliers { totalCount } }": types.SupplierCountDocument,
    "query BatchedSuppliers($first: Int!) {\n    suppliers(first: $first) {\n      nodes {\n        id insuranceCertificates { type } externalReferences { system } syncStatus { state }\n        purchaseOrders(first: 5) { totalCount nodes { number lines { itemNumber } receipts { lines { quantityReceived } } contract { number } } }\n        invoices(first: 5) { totalCount nodes { invoiceNumber lines { amount { amount } } payments { status } match { exceptions { code } } } }\n        payments(first: 5) { totalCount nodes { status } }\n        contracts(first: 3) { totalCount nodes { number priceTerms { itemNumber } } }\n      }\n    }\n  }": types.BatchedSuppliersDocument,
    "mutation OnboardHostile($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) {\n    supplier { id legalName dbaName address { line1 line2 city } contact { name } }\n    userErrors { field code message }\n  }\n}": types.OnboardHostileDocument,
    "query SearchHostile($search: String) { suppliers(first: 10, filter: { search: $search }) { totalCount nodes { id legalName } } }": types.SearchHostileDocument,
    "query HostileTextBack($id: ID!) { supplier(id: $id) { dbaName address { line1 line2 city } contact { name } } }": types.HostileTextBackDocument,
    "mutation RejectHostile($id: ID!, $reason: String!) { rejectSupplier(id: $id, reason: $reason) { supplier { status rejectionReason } userErrors { code } } }": types.RejectHostileDocument,
    "mutation IssueHostileLine($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id lines { description } } userErrors { code } } }": types.IssueHostileLineDocument,
    "mutation SubmitHostileInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id invoiceNumber } userErrors { code } } }": types.SubmitHostileInvoiceDocument,
    "query HostileInvoiceBack($id: ID!) { invoice(id: $id) { invoiceNumber } }": types.HostileInvoiceBackDocument,
    "mutation InvoiceMatching1 ($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice { id status match { outcome contract { id number } exceptions { code lineNumber expected actual message } } }\n    userErrors { field code message }\n  }\n}": types.InvoiceMatching1Document,
    "query InvoiceMatching2 ($id: ID!) {\n  invoice(id: $id) {\n    status\n    match { outcome exceptions { code } }\n    matchHistory { trigger outcome exceptionCodes evaluatedAt contract { id } }\n  }\n}": types.InvoiceMatching2Document,
    "mutation InvoiceMatching3 ($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code } } }": types.InvoiceMatching3Document,
    "query InvoiceMatching4 ($id: ID!) { purchaseOrder(id: $id) { id status lines { lineNumber itemNumber quantity unitPrice { amount } } } }": types.InvoiceMatching4Document,
    "mutation InvoiceMatching5 ($input: RecordReceiptInput!) { recordReceipt(input: $input) { userErrors { code } } }": types.InvoiceMatching5Document,
    "query InvoiceMatching6 ($id: ID!) { purchaseOrder(id: $id) { invoices(first: 20) { totalCount nodes { id } } } }": types.InvoiceMatching6Document,
    "mutation InvoiceMatching7 ($input: SetMatchToleranceInput!) {\n      setMatchTolerance(input: $input) { tolerance { supplier { id } supplierCategory pricePct priceAmount quantityPct } userErrors { code } }\n    }": types.InvoiceMatching7Document,
    "query InvoiceMatching8 { matchTolerances { defaults { pricePct priceAmount quantityPct updatedAt } set { supplier { id } supplierCategory priceAmount } } }": types.InvoiceMatching8Document,
    "query InvoicePayments1 ($id: ID!) {\n  invoice(id: $id) {\n    status amountPaid { amount } amountDue { amount }\n    payments { status amount { amount } applications { invoice { id } amount { amount } } }\n  }\n}": types.InvoicePayments1Document,
    "mutation InvoicePayments2 ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id match { exceptions { id } } } userErrors { code } } }": types.InvoicePayments2Document,
    "mutation InvoicePayments3 ($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { userErrors { code } } }": types.InvoicePayments3Document,
    "mutation InvoicePayments4 ($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }": types.InvoicePayments4Document,
    "mutation SubmitInvoice($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice {\n      id invoiceNumber status total { amount currency }\n      supplier { legalName } purchaseOrder { number }\n      lines { lineNumber itemNumber quantity unitPrice { amount } amount { amount } }\n      match { outcome exceptions { id code queue lineNumber expected actual message } }\n    }\n    userErrors { field code message }\n  }\n}": types.SubmitInvoiceDocument,
    "mutation ApproveInvoiceErrors($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }": types.ApproveInvoiceErrorsDocument,
    "mutation ApproveInvoiceWithSync($id: ID!) { approveInvoice(id: $id) { invoice { status syncStatus { system state } } userErrors { code } } }": types.ApproveInvoiceWithSyncDocument,
    "query BuyerQueue { invoices(first: 200, filter: { queue: BUYER }) { nodes { id } } }": types.BuyerQueueDocument,
    "mutation ResolveMatchException($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { exception { resolution resolvedBy resolutionReason resolvedAt } userErrors { code } } }": types.ResolveMatchExceptionDocument,
    "mutation ApproveInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }": types.ApproveInvoiceDocument,
    "query DeadLetters($system: BackingSystem) {\n  deadLetters(first: 20, filter: { system: $system }) {\n    totalCount\n    nodes { id service queue system entityId topic attempts lastError deadLetteredAt }\n  }\n}": types.DeadLettersDocument,
    "query IntegrationSystems { integrationSystems { system circuit reportingProcesses backlog { queued retrying active deadLettered } } }": types.IntegrationSystemsDocument,
    "mutation ReplayDeadLetter($id: ID!) {\n  replayDeadLetter(id: $id) { job { id service queue system entityId state } userErrors { field code message } }\n}": types.ReplayDeadLetterDocument,
    "mutation OnboardSupplier($input: OnboardSupplierInput!) { onboardSupplier(input: $input) { supplier { id } userErrors { code message } } }": types.OnboardSupplierDocument,
    "mutation ApproveSupplier($id: ID!) { approveSupplier(id: $id) { userErrors { code } } }": types.ApproveSupplierDocument,
    "query SupplierSync($id: ID!) { supplier(id: $id) { status syncStatus { system state lastError } } }": types.SupplierSyncDocument,
    "query FailedErpJobs { syncJobs(first: 50, filter: { system: ERP, state: FAILED }) { totalCount nodes { entityId queue state lastError } } }": types.FailedErpJobsDocument,
    "query SupplierSyncJobs($after: String) { syncJobs(first: 2, after: $after, filter: { service: \"suppliers\" }) { totalCount pageInfo { hasNextPage endCursor } nodes { id service } } }": types.SupplierSyncJobsDocument,
    "query SupplierSeenByPartner($id: ID!) { supplier(id: $id) { id } }": types.SupplierSeenByPartnerDocument,
    "query PurchaseOrderSeenByPartner($id: ID!) { purchaseOrder(id: $id) { id } }": types.PurchaseOrderSeenByPartnerDocument,
    "query InvoiceSeenByPartner($id: ID!) { invoice(id: $id) { id } }": types.InvoiceSeenByPartnerDocument,
    "query PaymentSeenByPartner($id: ID!) { payment(id: $id) { id } }": types.PaymentSeenByPartnerDocument,
    "query ContractSeenByPartner($id: ID!) { contract(id: $id) { id } }": types.ContractSeenByPartnerDocument,
    "query VisibleSuppliers($filter: SupplierFilter) { suppliers(first: 200, filter: $filter) { totalCount nodes { id } } }": types.VisibleSuppliersDocument,
    "query OwnRecordCounts { purchaseOrders(first: 200) { totalCount } invoices(first: 200) { totalCount } contracts(first: 200) { totalCount } }": types.OwnRecordCountsDocument,
    "mutation InvoiceAgainstOtherOrder($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id purchaseOrder { id number orderDate } } userErrors { field code message } } }": types.InvoiceAgainstOtherOrderDocument,
    "query InvoicesOfOrder($id: ID!) { purchaseOrder(id: $id) { invoices(first: 200) { nodes { invoiceNumber } } } }": types.InvoicesOfOrderDocument,
    "\n    subscription SupplierPaymentEvents($supplierId: ID) {\n      paymentStatusChanged(supplierId: $supplierId) {\n        status\n        payment {\n          id\n          supplier {\n            id\n          }\n        }\n      }\n    }\n  ": types.SupplierPaymentEventsDocument,
    "query OpenOrderLines($id: ID!) { purchaseOrder(id: $id) { number status lines { lineNumber itemNumber quantity unitPrice { amount } } } }": types.OpenOrderLinesDocument,
    "query InvoiceStatus($id: ID!) { invoice(id: $id) { status } }": types.InvoiceStatusDocument,
    "mutation OnboardLakeshore($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id legalName status taxIdMasked } userErrors { field code message } }\n}": types.OnboardLakeshoreDocument,
    "query SupplierReferences($id: ID!) { supplier(id: $id) { status externalReferences { system externalId } } }": types.SupplierReferencesDocument,
    "subscription NewSupplierStatus($supplierId: ID) { supplierStatusChanged(supplierId: $supplierId) { previousStatus status supplier { legalName } } }": types.NewSupplierStatusDocument,
    "mutation ApproveNewSupplier($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }": types.ApproveNewSupplierDocument,
    "mutation IssueOrder($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code message } } }": types.IssueOrderDocument,
    "mutation ReceiveOrder($input: RecordReceiptInput!) { recordReceipt(input: $input) { receipt { id } userErrors { code } } }": types.ReceiveOrderDocument,
    "mutation SubmitOrderInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id status total { amount } match { outcome exceptions { code } } } userErrors { code message } } }": types.SubmitOrderInvoiceDocument,
    "query ProcureToPay1 ($id: ID!) { invoice(id: $id) { status match { outcome exceptions { code } } } }": types.ProcureToPay1Document,
    "subscription InvoicePaymentStatus($invoiceId: ID) { paymentStatusChanged(invoiceId: $invoiceId) { status previousStatus payment { amount { amount } invoice { invoiceNumber purchaseOrder { number } } supplier { legalName } } } }": types.InvoicePaymentStatusDocument,
    "mutation ApproveOrderInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }": types.ApproveOrderInvoiceDocument,
    "query InvoiceSync($id: ID!) { invoice(id: $id) { syncStatus { system state } } }": types.InvoiceSyncDocument,
    "mutation IssuePurchaseOrder($input: IssuePurchaseOrderInput!) {\n  issuePurchaseOrder(input: $input) {\n    purchaseOrder { id number status total { amount currency } lines { lineNumber quantity unitPrice { amount } amount { amount } } supplier { id } publication { state } }\n    userErrors { field message code }\n  }\n}": types.IssuePurchaseOrderDocument,
    "mutation RecordReceipt($input: RecordReceiptInput!) {\n  recordReceipt(input: $input) {\n    receipt { id receivedAt lines { lineNumber quantityReceived } }\n    userErrors { field code }\n  }\n}": types.RecordReceiptDocument,
    "query PurchaseOrderPublication($id: ID!) { purchaseOrder(id: $id) { number status publication { state } syncStatus { system state } } }": types.PurchaseOrderPublicationDocument,
    "query PurchaseOrderReceipts($id: ID!) { purchaseOrder(id: $id) { status receipts { id } } }": types.PurchaseOrderReceiptsDocument,
    "query WithinLimits { suppliers(first: 2) { totalCount nodes { legalName } } }": types.WithinLimitsDocument,
    "\n  subscription PaymentStatus($supplierId: ID, $invoiceId: ID) {\n    paymentStatusChanged(supplierId: $supplierId, invoiceId: $invoiceId) {\n      previousStatus\n      status\n      occurredAt\n      payment {\n        id\n        invoice {\n          invoiceNumber\n          purchaseOrder {\n            number\n          }\n        }\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n": types.PaymentStatusDocument,
    "\n  subscription SupplierStatus($supplierId: ID) {\n    supplierStatusChanged(supplierId: $supplierId) {\n      previousStatus\n      status\n      supplier {\n        id\n        legalName\n        status\n        payments {\n          totalCount\n        }\n      }\n    }\n  }\n": types.SupplierStatusDocument,
    "\n  subscription PaymentStatusOnly {\n    paymentStatusChanged {\n      status\n      payment {\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n": types.PaymentStatusOnlyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OnboardForAudit($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id } userErrors { code } }\n}"): (typeof documents)["mutation OnboardForAudit($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id } userErrors { code } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveForAudit($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }"): (typeof documents)["mutation ApproveForAudit($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditTrail($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes { actor role supplierId service kind operation recordType recordId clientAddress outcome detail { operationName codes } }\n  }\n}"): (typeof documents)["query AuditTrail($first: Int, $after: String, $filter: AuditEventFilter) {\n  auditEvents(first: $first, after: $after, filter: $filter) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    nodes { actor role supplierId service kind operation recordType recordId clientAddress outcome detail { operationName codes } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BankDetails($id: ID!) {\n        first: supplier(id: $id) { bankAccount { accountNumberMasked } taxIdMasked }\n        again: supplier(id: $id) { bankAccount { accountType } }\n      }"): (typeof documents)["query BankDetails($id: ID!) {\n        first: supplier(id: $id) { bankAccount { accountNumberMasked } taxIdMasked }\n        again: supplier(id: $id) { bankAccount { accountType } }\n      }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SuppliersWithoutSecrets { suppliers(first: 5) { nodes { id legalName status } } }"): (typeof documents)["query SuppliersWithoutSecrets { suppliers(first: 5) { nodes { id legalName status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnrecordedBankDetails($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }"): (typeof documents)["query UnrecordedBankDetails($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription WatchSupplier($id: ID) { supplierStatusChanged(supplierId: $id) { status supplier { bankAccount { accountNumberMasked } } } }"): (typeof documents)["subscription WatchSupplier($id: ID) { supplierStatusChanged(supplierId: $id) { status supplier { bankAccount { accountNumberMasked } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GuardedBankAccount($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }"): (typeof documents)["query GuardedBankAccount($id: ID!) { supplier(id: $id) { legalName bankAccount { accountNumberMasked } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GuardedTaxId($id: ID!) { supplier(id: $id) { legalName taxIdMasked } }"): (typeof documents)["query GuardedTaxId($id: ID!) { supplier(id: $id) { legalName taxIdMasked } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query GuardedScreeningMatch($id: ID!) { supplier(id: $id) { legalName screening { status match } } }"): (typeof documents)["query GuardedScreeningMatch($id: ID!) { supplier(id: $id) { legalName screening { status match } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceSupplierBankAccount($id: ID!) { invoice(id: $id) { invoiceNumber supplier { id bankAccount { accountNumberMasked } } } }"): (typeof documents)["query InvoiceSupplierBankAccount($id: ID!) { invoice(id: $id) { invoiceNumber supplier { id bankAccount { accountNumberMasked } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveAsFinance($id: ID!) { approveSupplier(id: $id) { supplier { status } } }"): (typeof documents)["mutation ApproveAsFinance($id: ID!) { approveSupplier(id: $id) { supplier { status } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PendingSupplierStatus($id: ID!) { supplier(id: $id) { status } }"): (typeof documents)["query PendingSupplierStatus($id: ID!) { supplier(id: $id) { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ComplianceHolds1 ($id: ID!) {\n  supplier(id: $id) { status screening { status match } holds { reason } complianceDecisions { decision reason decidedBy screeningStatus } }\n}"): (typeof documents)["query ComplianceHolds1 ($id: ID!) {\n  supplier(id: $id) { status screening { status match } holds { reason } complianceDecisions { decision reason decidedBy screeningStatus } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReloadForCompliance {\n  reloadExclusionList {\n    excluded putOnHold userErrors { code }\n    run { trigger state checked newlyExcluded reinstated putOnHold source finishedAt }\n  }\n}"): (typeof documents)["mutation ReloadForCompliance {\n  reloadExclusionList {\n    excluded putOnHold userErrors { code }\n    run { trigger state checked newlyExcluded reinstated putOnHold source finishedAt }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ComplianceHolds2 ($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code message } } }"): (typeof documents)["mutation ComplianceHolds2 ($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ComplianceHolds3 ($id: ID!, $certificate: InsuranceCertificateInput!) {\n  addInsuranceCertificate(supplierId: $id, certificate: $certificate) { supplier { status insuranceStatus holds { reason } } userErrors { code } }\n}"): (typeof documents)["mutation ComplianceHolds3 ($id: ID!, $certificate: InsuranceCertificateInput!) {\n  addInsuranceCertificate(supplierId: $id, certificate: $certificate) { supplier { status insuranceStatus holds { reason } } userErrors { code } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DecideMatch($input: ResolveScreeningMatchInput!) {\n  resolveScreeningMatch(input: $input) {\n    supplier { id status screening { status } holds { reason } }\n    decision { decision reason decidedBy screeningStatus }\n    userErrors { field code }\n  }\n}"): (typeof documents)["mutation DecideMatch($input: ResolveScreeningMatchInput!) {\n  resolveScreeningMatch(input: $input) {\n    supplier { id status screening { status } holds { reason } }\n    decision { decision reason decidedBy screeningStatus }\n    userErrors { field code }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ComplianceHoldsRuns { exclusionListRuns(first: 1) { totalCount nodes { trigger state newlyExcluded } } }"): (typeof documents)["query ComplianceHoldsRuns { exclusionListRuns(first: 1) { totalCount nodes { trigger state newlyExcluded } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ComplianceHoldsAudit($filter: AuditEventFilter) { auditEvents(first: 10, filter: $filter) { nodes { actor role operation recordType recordId outcome detail { operationName } } } }"): (typeof documents)["query ComplianceHoldsAudit($filter: AuditEventFilter) { auditEvents(first: 10, filter: $filter) { nodes { actor role operation recordType recordId outcome detail { operationName } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Refusals($filter: AuditEventFilter) { auditEvents(first: 20, filter: $filter) {\n        nodes { actor role service kind operation clientAddress outcome detail { operationName codes } } } }"): (typeof documents)["query Refusals($filter: AuditEventFilter) { auditEvents(first: 20, filter: $filter) {\n        nodes { actor role service kind operation clientAddress outcome detail { operationName codes } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Supplier360($id: ID!) {\n        supplier(id: $id) {\n          legalName status taxIdMasked\n          bankAccount { routingNumber accountNumberMasked }\n          externalReferences { system externalId }\n          purchaseOrders(first: 1) {\n            totalCount\n            nodes { number total { amount currency } lines { lineNumber amount { amount } } supplier { legalName } invoices { totalCount } }\n          }\n          invoices { totalCount }\n          payments { totalCount }\n          contracts { totalCount nodes { number supplier { supplierNumber } } }\n        }\n      }"): (typeof documents)["query Supplier360($id: ID!) {\n        supplier(id: $id) {\n          legalName status taxIdMasked\n          bankAccount { routingNumber accountNumberMasked }\n          externalReferences { system externalId }\n          purchaseOrders(first: 1) {\n            totalCount\n            nodes { number total { amount currency } lines { lineNumber amount { amount } } supplier { legalName } invoices { totalCount } }\n          }\n          invoices { totalCount }\n          payments { totalCount }\n          contracts { totalCount nodes { number supplier { supplierNumber } } }\n        }\n      }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentToOrder($id: ID!) { payment(id: $id) { status amount { amount } invoice { invoiceNumber status purchaseOrder { number } supplier { legalName } payments { id } } } }"): (typeof documents)["query PaymentToOrder($id: ID!) { payment(id: $id) { status amount { amount } invoice { invoiceNumber status purchaseOrder { number } supplier { legalName } payments { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SupplierPage($first: Int, $after: String) { suppliers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"): (typeof documents)["query SupplierPage($first: Int, $after: String) { suppliers(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ActiveAndMedical { active: suppliers(filter: { status: ACTIVE }) { totalCount } medical: suppliers(filter: { search: \"MEDICAL\" }) { totalCount } }"): (typeof documents)["query ActiveAndMedical { active: suppliers(filter: { status: ACTIVE }) { totalCount } medical: suppliers(filter: { search: \"MEDICAL\" }) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PercentSearch { suppliers(filter: { search: \"%\" }) { totalCount } }"): (typeof documents)["query PercentSearch { suppliers(filter: { search: \"%\" }) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ListFilters($supplierId: ID!) {\n        bySupplier: purchaseOrders(filter: { supplierId: $supplierId }) { totalCount }\n        open: purchaseOrders(filter: { status: OPEN }) { totalCount }\n        exceptions: invoices(filter: { status: EXCEPTION }) { totalCount }\n        payablesQueue: invoices(filter: { queue: ACCOUNTS_PAYABLE }) { totalCount }\n        buyerQueue: invoices(filter: { queue: BUYER }) { totalCount }\n        contractQueue: invoices(filter: { queue: CONTRACT_MANAGEMENT }) { totalCount }\n        activeContracts: contracts(filter: { status: ACTIVE }) { totalCount }\n      }"): (typeof documents)["query ListFilters($supplierId: ID!) {\n        bySupplier: purchaseOrders(filter: { supplierId: $supplierId }) { totalCount }\n        open: purchaseOrders(filter: { status: OPEN }) { totalCount }\n        exceptions: invoices(filter: { status: EXCEPTION }) { totalCount }\n        payablesQueue: invoices(filter: { queue: ACCOUNTS_PAYABLE }) { totalCount }\n        buyerQueue: invoices(filter: { queue: BUYER }) { totalCount }\n        contractQueue: invoices(filter: { queue: CONTRACT_MANAGEMENT }) { totalCount }\n        activeContracts: contracts(filter: { status: ACTIVE }) { totalCount }\n      }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FirstOrderCursor { purchaseOrders(first: 1) { pageInfo { endCursor } } }"): (typeof documents)["query FirstOrderCursor { purchaseOrders(first: 1) { pageInfo { endCursor } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnknownAndMalformed($unknown: ID!, $malformed: ID!) { unknown: supplier(id: $unknown) { id } malformed: invoice(id: $malformed) { id } }"): (typeof documents)["query UnknownAndMalformed($unknown: ID!, $malformed: ID!) { unknown: supplier(id: $unknown) { id } malformed: invoice(id: $malformed) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SupplierCount { suppliers { totalCount } }"): (typeof documents)["query SupplierCount { suppliers { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BatchedSuppliers($first: Int!) {\n    suppliers(first: $first) {\n      nodes {\n        id insuranceCertificates { type } externalReferences { system } syncStatus { state }\n        purchaseOrders(first: 5) { totalCount nodes { number lines { itemNumber } receipts { lines { quantityReceived } } contract { number } } }\n        invoices(first: 5) { totalCount nodes { invoiceNumber lines { amount { amount } } payments { status } match { exceptions { code } } } }\n        payments(first: 5) { totalCount nodes { status } }\n        contracts(first: 3) { totalCount nodes { number priceTerms { itemNumber } } }\n      }\n    }\n  }"): (typeof documents)["query BatchedSuppliers($first: Int!) {\n    suppliers(first: $first) {\n      nodes {\n        id insuranceCertificates { type } externalReferences { system } syncStatus { state }\n        purchaseOrders(first: 5) { totalCount nodes { number lines { itemNumber } receipts { lines { quantityReceived } } contract { number } } }\n        invoices(first: 5) { totalCount nodes { invoiceNumber lines { amount { amount } } payments { status } match { exceptions { code } } } }\n        payments(first: 5) { totalCount nodes { status } }\n        contracts(first: 3) { totalCount nodes { number priceTerms { itemNumber } } }\n      }\n    }\n  }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OnboardHostile($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) {\n    supplier { id legalName dbaName address { line1 line2 city } contact { name } }\n    userErrors { field code message }\n  }\n}"): (typeof documents)["mutation OnboardHostile($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) {\n    supplier { id legalName dbaName address { line1 line2 city } contact { name } }\n    userErrors { field code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SearchHostile($search: String) { suppliers(first: 10, filter: { search: $search }) { totalCount nodes { id legalName } } }"): (typeof documents)["query SearchHostile($search: String) { suppliers(first: 10, filter: { search: $search }) { totalCount nodes { id legalName } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HostileTextBack($id: ID!) { supplier(id: $id) { dbaName address { line1 line2 city } contact { name } } }"): (typeof documents)["query HostileTextBack($id: ID!) { supplier(id: $id) { dbaName address { line1 line2 city } contact { name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RejectHostile($id: ID!, $reason: String!) { rejectSupplier(id: $id, reason: $reason) { supplier { status rejectionReason } userErrors { code } } }"): (typeof documents)["mutation RejectHostile($id: ID!, $reason: String!) { rejectSupplier(id: $id, reason: $reason) { supplier { status rejectionReason } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssueHostileLine($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id lines { description } } userErrors { code } } }"): (typeof documents)["mutation IssueHostileLine($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id lines { description } } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitHostileInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id invoiceNumber } userErrors { code } } }"): (typeof documents)["mutation SubmitHostileInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id invoiceNumber } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HostileInvoiceBack($id: ID!) { invoice(id: $id) { invoiceNumber } }"): (typeof documents)["query HostileInvoiceBack($id: ID!) { invoice(id: $id) { invoiceNumber } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoiceMatching1 ($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice { id status match { outcome contract { id number } exceptions { code lineNumber expected actual message } } }\n    userErrors { field code message }\n  }\n}"): (typeof documents)["mutation InvoiceMatching1 ($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice { id status match { outcome contract { id number } exceptions { code lineNumber expected actual message } } }\n    userErrors { field code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceMatching2 ($id: ID!) {\n  invoice(id: $id) {\n    status\n    match { outcome exceptions { code } }\n    matchHistory { trigger outcome exceptionCodes evaluatedAt contract { id } }\n  }\n}"): (typeof documents)["query InvoiceMatching2 ($id: ID!) {\n  invoice(id: $id) {\n    status\n    match { outcome exceptions { code } }\n    matchHistory { trigger outcome exceptionCodes evaluatedAt contract { id } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoiceMatching3 ($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code } } }"): (typeof documents)["mutation InvoiceMatching3 ($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceMatching4 ($id: ID!) { purchaseOrder(id: $id) { id status lines { lineNumber itemNumber quantity unitPrice { amount } } } }"): (typeof documents)["query InvoiceMatching4 ($id: ID!) { purchaseOrder(id: $id) { id status lines { lineNumber itemNumber quantity unitPrice { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoiceMatching5 ($input: RecordReceiptInput!) { recordReceipt(input: $input) { userErrors { code } } }"): (typeof documents)["mutation InvoiceMatching5 ($input: RecordReceiptInput!) { recordReceipt(input: $input) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceMatching6 ($id: ID!) { purchaseOrder(id: $id) { invoices(first: 20) { totalCount nodes { id } } } }"): (typeof documents)["query InvoiceMatching6 ($id: ID!) { purchaseOrder(id: $id) { invoices(first: 20) { totalCount nodes { id } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoiceMatching7 ($input: SetMatchToleranceInput!) {\n      setMatchTolerance(input: $input) { tolerance { supplier { id } supplierCategory pricePct priceAmount quantityPct } userErrors { code } }\n    }"): (typeof documents)["mutation InvoiceMatching7 ($input: SetMatchToleranceInput!) {\n      setMatchTolerance(input: $input) { tolerance { supplier { id } supplierCategory pricePct priceAmount quantityPct } userErrors { code } }\n    }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceMatching8 { matchTolerances { defaults { pricePct priceAmount quantityPct updatedAt } set { supplier { id } supplierCategory priceAmount } } }"): (typeof documents)["query InvoiceMatching8 { matchTolerances { defaults { pricePct priceAmount quantityPct updatedAt } set { supplier { id } supplierCategory priceAmount } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoicePayments1 ($id: ID!) {\n  invoice(id: $id) {\n    status amountPaid { amount } amountDue { amount }\n    payments { status amount { amount } applications { invoice { id } amount { amount } } }\n  }\n}"): (typeof documents)["query InvoicePayments1 ($id: ID!) {\n  invoice(id: $id) {\n    status amountPaid { amount } amountDue { amount }\n    payments { status amount { amount } applications { invoice { id } amount { amount } } }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoicePayments2 ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id match { exceptions { id } } } userErrors { code } } }"): (typeof documents)["mutation InvoicePayments2 ($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id match { exceptions { id } } } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoicePayments3 ($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { userErrors { code } } }"): (typeof documents)["mutation InvoicePayments3 ($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoicePayments4 ($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }"): (typeof documents)["mutation InvoicePayments4 ($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitInvoice($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice {\n      id invoiceNumber status total { amount currency }\n      supplier { legalName } purchaseOrder { number }\n      lines { lineNumber itemNumber quantity unitPrice { amount } amount { amount } }\n      match { outcome exceptions { id code queue lineNumber expected actual message } }\n    }\n    userErrors { field code message }\n  }\n}"): (typeof documents)["mutation SubmitInvoice($input: SubmitInvoiceInput!) {\n  submitInvoice(input: $input) {\n    invoice {\n      id invoiceNumber status total { amount currency }\n      supplier { legalName } purchaseOrder { number }\n      lines { lineNumber itemNumber quantity unitPrice { amount } amount { amount } }\n      match { outcome exceptions { id code queue lineNumber expected actual message } }\n    }\n    userErrors { field code message }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveInvoiceErrors($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }"): (typeof documents)["mutation ApproveInvoiceErrors($id: ID!) { approveInvoice(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveInvoiceWithSync($id: ID!) { approveInvoice(id: $id) { invoice { status syncStatus { system state } } userErrors { code } } }"): (typeof documents)["mutation ApproveInvoiceWithSync($id: ID!) { approveInvoice(id: $id) { invoice { status syncStatus { system state } } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BuyerQueue { invoices(first: 200, filter: { queue: BUYER }) { nodes { id } } }"): (typeof documents)["query BuyerQueue { invoices(first: 200, filter: { queue: BUYER }) { nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ResolveMatchException($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { exception { resolution resolvedBy resolutionReason resolvedAt } userErrors { code } } }"): (typeof documents)["mutation ResolveMatchException($input: ResolveMatchExceptionInput!) { resolveMatchException(input: $input) { exception { resolution resolvedBy resolutionReason resolvedAt } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }"): (typeof documents)["mutation ApproveInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DeadLetters($system: BackingSystem) {\n  deadLetters(first: 20, filter: { system: $system }) {\n    totalCount\n    nodes { id service queue system entityId topic attempts lastError deadLetteredAt }\n  }\n}"): (typeof documents)["query DeadLetters($system: BackingSystem) {\n  deadLetters(first: 20, filter: { system: $system }) {\n    totalCount\n    nodes { id service queue system entityId topic attempts lastError deadLetteredAt }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query IntegrationSystems { integrationSystems { system circuit reportingProcesses backlog { queued retrying active deadLettered } } }"): (typeof documents)["query IntegrationSystems { integrationSystems { system circuit reportingProcesses backlog { queued retrying active deadLettered } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReplayDeadLetter($id: ID!) {\n  replayDeadLetter(id: $id) { job { id service queue system entityId state } userErrors { field code message } }\n}"): (typeof documents)["mutation ReplayDeadLetter($id: ID!) {\n  replayDeadLetter(id: $id) { job { id service queue system entityId state } userErrors { field code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OnboardSupplier($input: OnboardSupplierInput!) { onboardSupplier(input: $input) { supplier { id } userErrors { code message } } }"): (typeof documents)["mutation OnboardSupplier($input: OnboardSupplierInput!) { onboardSupplier(input: $input) { supplier { id } userErrors { code message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveSupplier($id: ID!) { approveSupplier(id: $id) { userErrors { code } } }"): (typeof documents)["mutation ApproveSupplier($id: ID!) { approveSupplier(id: $id) { userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SupplierSync($id: ID!) { supplier(id: $id) { status syncStatus { system state lastError } } }"): (typeof documents)["query SupplierSync($id: ID!) { supplier(id: $id) { status syncStatus { system state lastError } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query FailedErpJobs { syncJobs(first: 50, filter: { system: ERP, state: FAILED }) { totalCount nodes { entityId queue state lastError } } }"): (typeof documents)["query FailedErpJobs { syncJobs(first: 50, filter: { system: ERP, state: FAILED }) { totalCount nodes { entityId queue state lastError } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SupplierSyncJobs($after: String) { syncJobs(first: 2, after: $after, filter: { service: \"suppliers\" }) { totalCount pageInfo { hasNextPage endCursor } nodes { id service } } }"): (typeof documents)["query SupplierSyncJobs($after: String) { syncJobs(first: 2, after: $after, filter: { service: \"suppliers\" }) { totalCount pageInfo { hasNextPage endCursor } nodes { id service } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SupplierSeenByPartner($id: ID!) { supplier(id: $id) { id } }"): (typeof documents)["query SupplierSeenByPartner($id: ID!) { supplier(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PurchaseOrderSeenByPartner($id: ID!) { purchaseOrder(id: $id) { id } }"): (typeof documents)["query PurchaseOrderSeenByPartner($id: ID!) { purchaseOrder(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceSeenByPartner($id: ID!) { invoice(id: $id) { id } }"): (typeof documents)["query InvoiceSeenByPartner($id: ID!) { invoice(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PaymentSeenByPartner($id: ID!) { payment(id: $id) { id } }"): (typeof documents)["query PaymentSeenByPartner($id: ID!) { payment(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ContractSeenByPartner($id: ID!) { contract(id: $id) { id } }"): (typeof documents)["query ContractSeenByPartner($id: ID!) { contract(id: $id) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query VisibleSuppliers($filter: SupplierFilter) { suppliers(first: 200, filter: $filter) { totalCount nodes { id } } }"): (typeof documents)["query VisibleSuppliers($filter: SupplierFilter) { suppliers(first: 200, filter: $filter) { totalCount nodes { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OwnRecordCounts { purchaseOrders(first: 200) { totalCount } invoices(first: 200) { totalCount } contracts(first: 200) { totalCount } }"): (typeof documents)["query OwnRecordCounts { purchaseOrders(first: 200) { totalCount } invoices(first: 200) { totalCount } contracts(first: 200) { totalCount } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation InvoiceAgainstOtherOrder($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id purchaseOrder { id number orderDate } } userErrors { field code message } } }"): (typeof documents)["mutation InvoiceAgainstOtherOrder($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id purchaseOrder { id number orderDate } } userErrors { field code message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoicesOfOrder($id: ID!) { purchaseOrder(id: $id) { invoices(first: 200) { nodes { invoiceNumber } } } }"): (typeof documents)["query InvoicesOfOrder($id: ID!) { purchaseOrder(id: $id) { invoices(first: 200) { nodes { invoiceNumber } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription SupplierPaymentEvents($supplierId: ID) {\n      paymentStatusChanged(supplierId: $supplierId) {\n        status\n        payment {\n          id\n          supplier {\n            id\n          }\n        }\n      }\n    }\n  "): (typeof documents)["\n    subscription SupplierPaymentEvents($supplierId: ID) {\n      paymentStatusChanged(supplierId: $supplierId) {\n        status\n        payment {\n          id\n          supplier {\n            id\n          }\n        }\n      }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OpenOrderLines($id: ID!) { purchaseOrder(id: $id) { number status lines { lineNumber itemNumber quantity unitPrice { amount } } } }"): (typeof documents)["query OpenOrderLines($id: ID!) { purchaseOrder(id: $id) { number status lines { lineNumber itemNumber quantity unitPrice { amount } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceStatus($id: ID!) { invoice(id: $id) { status } }"): (typeof documents)["query InvoiceStatus($id: ID!) { invoice(id: $id) { status } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation OnboardLakeshore($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id legalName status taxIdMasked } userErrors { field code message } }\n}"): (typeof documents)["mutation OnboardLakeshore($input: OnboardSupplierInput!) {\n  onboardSupplier(input: $input) { supplier { id legalName status taxIdMasked } userErrors { field code message } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SupplierReferences($id: ID!) { supplier(id: $id) { status externalReferences { system externalId } } }"): (typeof documents)["query SupplierReferences($id: ID!) { supplier(id: $id) { status externalReferences { system externalId } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription NewSupplierStatus($supplierId: ID) { supplierStatusChanged(supplierId: $supplierId) { previousStatus status supplier { legalName } } }"): (typeof documents)["subscription NewSupplierStatus($supplierId: ID) { supplierStatusChanged(supplierId: $supplierId) { previousStatus status supplier { legalName } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveNewSupplier($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }"): (typeof documents)["mutation ApproveNewSupplier($id: ID!) { approveSupplier(id: $id) { supplier { status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssueOrder($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code message } } }"): (typeof documents)["mutation IssueOrder($input: IssuePurchaseOrderInput!) { issuePurchaseOrder(input: $input) { purchaseOrder { id } userErrors { code message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReceiveOrder($input: RecordReceiptInput!) { recordReceipt(input: $input) { receipt { id } userErrors { code } } }"): (typeof documents)["mutation ReceiveOrder($input: RecordReceiptInput!) { recordReceipt(input: $input) { receipt { id } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SubmitOrderInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id status total { amount } match { outcome exceptions { code } } } userErrors { code message } } }"): (typeof documents)["mutation SubmitOrderInvoice($input: SubmitInvoiceInput!) { submitInvoice(input: $input) { invoice { id status total { amount } match { outcome exceptions { code } } } userErrors { code message } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProcureToPay1 ($id: ID!) { invoice(id: $id) { status match { outcome exceptions { code } } } }"): (typeof documents)["query ProcureToPay1 ($id: ID!) { invoice(id: $id) { status match { outcome exceptions { code } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription InvoicePaymentStatus($invoiceId: ID) { paymentStatusChanged(invoiceId: $invoiceId) { status previousStatus payment { amount { amount } invoice { invoiceNumber purchaseOrder { number } } supplier { legalName } } } }"): (typeof documents)["subscription InvoicePaymentStatus($invoiceId: ID) { paymentStatusChanged(invoiceId: $invoiceId) { status previousStatus payment { amount { amount } invoice { invoiceNumber purchaseOrder { number } } supplier { legalName } } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApproveOrderInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }"): (typeof documents)["mutation ApproveOrderInvoice($id: ID!) { approveInvoice(id: $id) { invoice { status } userErrors { code } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query InvoiceSync($id: ID!) { invoice(id: $id) { syncStatus { system state } } }"): (typeof documents)["query InvoiceSync($id: ID!) { invoice(id: $id) { syncStatus { system state } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssuePurchaseOrder($input: IssuePurchaseOrderInput!) {\n  issuePurchaseOrder(input: $input) {\n    purchaseOrder { id number status total { amount currency } lines { lineNumber quantity unitPrice { amount } amount { amount } } supplier { id } publication { state } }\n    userErrors { field message code }\n  }\n}"): (typeof documents)["mutation IssuePurchaseOrder($input: IssuePurchaseOrderInput!) {\n  issuePurchaseOrder(input: $input) {\n    purchaseOrder { id number status total { amount currency } lines { lineNumber quantity unitPrice { amount } amount { amount } } supplier { id } publication { state } }\n    userErrors { field message code }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RecordReceipt($input: RecordReceiptInput!) {\n  recordReceipt(input: $input) {\n    receipt { id receivedAt lines { lineNumber quantityReceived } }\n    userErrors { field code }\n  }\n}"): (typeof documents)["mutation RecordReceipt($input: RecordReceiptInput!) {\n  recordReceipt(input: $input) {\n    receipt { id receivedAt lines { lineNumber quantityReceived } }\n    userErrors { field code }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PurchaseOrderPublication($id: ID!) { purchaseOrder(id: $id) { number status publication { state } syncStatus { system state } } }"): (typeof documents)["query PurchaseOrderPublication($id: ID!) { purchaseOrder(id: $id) { number status publication { state } syncStatus { system state } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PurchaseOrderReceipts($id: ID!) { purchaseOrder(id: $id) { status receipts { id } } }"): (typeof documents)["query PurchaseOrderReceipts($id: ID!) { purchaseOrder(id: $id) { status receipts { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WithinLimits { suppliers(first: 2) { totalCount nodes { legalName } } }"): (typeof documents)["query WithinLimits { suppliers(first: 2) { totalCount nodes { legalName } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PaymentStatus($supplierId: ID, $invoiceId: ID) {\n    paymentStatusChanged(supplierId: $supplierId, invoiceId: $invoiceId) {\n      previousStatus\n      status\n      occurredAt\n      payment {\n        id\n        invoice {\n          invoiceNumber\n          purchaseOrder {\n            number\n          }\n        }\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PaymentStatus($supplierId: ID, $invoiceId: ID) {\n    paymentStatusChanged(supplierId: $supplierId, invoiceId: $invoiceId) {\n      previousStatus\n      status\n      occurredAt\n      payment {\n        id\n        invoice {\n          invoiceNumber\n          purchaseOrder {\n            number\n          }\n        }\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SupplierStatus($supplierId: ID) {\n    supplierStatusChanged(supplierId: $supplierId) {\n      previousStatus\n      status\n      supplier {\n        id\n        legalName\n        status\n        payments {\n          totalCount\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription SupplierStatus($supplierId: ID) {\n    supplierStatusChanged(supplierId: $supplierId) {\n      previousStatus\n      status\n      supplier {\n        id\n        legalName\n        status\n        payments {\n          totalCount\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PaymentStatusOnly {\n    paymentStatusChanged {\n      status\n      payment {\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription PaymentStatusOnly {\n    paymentStatusChanged {\n      status\n      payment {\n        supplier {\n          legalName\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;