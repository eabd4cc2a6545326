// Every operation the console sends, in one place: the pages import them, and
// gateway/web/console-operations.test.ts validates each against the composed schema.

/** The backing systems reconciliation compares, and the finding states not settled yet. */
export const BACKING_SYSTEMS = ['ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY'];
export const UNSETTLED_DRIFT = ['OPEN', 'ALERTED'];
/** `ERP_OPEN`, `ERP_ALERTED`, …: each count is the findings' totalCount (the graph has no count per system of its own). */
const DRIFT_COUNTS = BACKING_SYSTEMS.flatMap((system) =>
  UNSETTLED_DRIFT.map(
    (state) => `${system}_${state}: driftFindings(first: 1, filter: { system: ${system}, state: ${state} }) { totalCount }`,
  ),
).join('\n  ');
export const INTEGRATION_SYSTEMS = `query ConsoleOverview {
  integrationSystems { system circuit circuitOpenedAt lastFailure reportingProcesses backlog { queued retrying active deadLettered } feeds { service feed eventsBehind oldestUnappliedAt } }
  ${DRIFT_COUNTS}
}`;
const INVOICE_FIELDS = `id invoiceNumber status total { amount currency } supplier { id legalName } purchaseOrder { number }
  lines { lineNumber itemNumber quantity unitPrice { amount currency } amount { amount currency } }
  match { outcome contract { number title } exceptions { id code message lineNumber queue expected actual resolution resolvedBy resolutionReason } }`;
export const EXCEPTION_QUEUE = `query ConsoleExceptionQueue($queue: ExceptionQueue) {
  invoices(first: 50, filter: { status: EXCEPTION, queue: $queue }) { totalCount nodes { ${INVOICE_FIELDS} } }
}`;
export const INVOICE_DETAIL = `query ConsoleInvoice($id: ID!) { invoice(id: $id) { ${INVOICE_FIELDS} } }`;
export const RESOLVE_EXCEPTION = `mutation ConsoleResolveException($input: ResolveMatchExceptionInput!) {
  resolveMatchException(input: $input) { userErrors { code message } }
}`;
export const APPROVE_INVOICE = `mutation ConsoleApproveInvoice($id: ID!) { approveInvoice(id: $id) { userErrors { code message } } }`;
export const PIPELINE = `query ConsoleSupplierPipeline {
  pending: suppliers(first: 50, filter: { status: PENDING_APPROVAL }) { nodes { id legalName category createdAt } }
  onHold: suppliers(first: 50, filter: { status: ON_HOLD }) { nodes { id legalName category holds { reason since } } }
}`;
export const SUPPLIER_STATUS_CHANGED = `subscription ConsoleSupplierStatusChanged { supplierStatusChanged { status } }`;
export const APPROVE_SUPPLIER = `mutation ConsoleApproveSupplier($id: ID!) { approveSupplier(id: $id) { userErrors { code message } } }`;
export const REJECT_SUPPLIER = `mutation ConsoleRejectSupplier($id: ID!, $reason: String!) { rejectSupplier(id: $id, reason: $reason) { userErrors { code message } } }`;
export const SUPPLIER_360 = `query ConsoleSupplier360($id: ID!) {
  supplier(id: $id) {
    id legalName supplierNumber category status rejectionReason insuranceStatus
    holds { reason since }
    syncStatus { system state attempts lastError }
    purchaseOrders(first: 20) { nodes { id number status total { amount currency } orderDate } }
    invoices(first: 20) { nodes { id invoiceNumber status total { amount currency } amountDue { amount currency } } }
    payments(first: 20) { nodes { id paymentNumber status amount { amount currency } paidAt } }
    contracts(first: 20) { nodes { id number title status effectiveTo } }
  }
}`;
export const PAYMENT_CHANGED = `subscription ConsolePaymentStatusChanged($supplierId: ID) { paymentStatusChanged(supplierId: $supplierId) { status } }`;
export const ONE_SUPPLIER_STATUS_CHANGED = `subscription ConsoleOneSupplierStatusChanged($supplierId: ID) { supplierStatusChanged(supplierId: $supplierId) { status } }`;
export const INTEGRATION_QUEUES = `query ConsoleIntegration {
  deadLetters(first: 50) { totalCount nodes { id service queue system entityId topic eventId attempts lastError deadLetteredAt payload } }
  syncJobs(first: 50) { totalCount nodes { id service queue system state entityId topic attempts lastError runAfter } }
}`;
export const REPLAY_DEAD_LETTER = `mutation ConsoleReplayDeadLetter($id: ID!) { replayDeadLetter(id: $id) { job { id state } userErrors { code message } } }`;
const JOURNEY_STEP = `at system action outcome attempt durationMs error`;
const JOURNEY = `journey { stuck currentStep { ${JOURNEY_STEP} } steps { ${JOURNEY_STEP} } }`;
export const SUPPLIER_JOURNEY = `query ConsoleSupplierJourney($id: ID!) { supplier(id: $id) { id ${JOURNEY} } }`;
export const ORDER_JOURNEY = `query ConsoleOrderJourney($id: ID!) { purchaseOrder(id: $id) { id ${JOURNEY} } }`;
export const INVOICE_JOURNEY = `query ConsoleInvoiceJourney($id: ID!) { invoice(id: $id) { id ${JOURNEY} } }`;
export const PAYMENT_JOURNEY = `query ConsolePaymentJourney($id: ID!) { payment(id: $id) { id ${JOURNEY} } }`;
export const ORDER_RECORD = `query ConsoleOrder($id: ID!) {
  purchaseOrder(id: $id) { id number status orderDate total { amount currency } supplier { id legalName } }
}`;
export const INVOICE_RECORD = `query ConsoleInvoiceRecord($id: ID!) {
  invoice(id: $id) { id invoiceNumber status total { amount currency } amountDue { amount currency } supplier { id legalName } }
}`;
export const PAYMENT_RECORD = `query ConsolePayment($id: ID!) {
  payment(id: $id) { id paymentNumber status amount { amount currency } paidAt supplier { id legalName } }
}`;
export const BUSINESS_METRICS = `query ConsoleBusinessMetrics($from: DateTime, $to: DateTime, $supplierId: ID) {
  businessMetrics(from: $from, to: $to, supplierId: $supplierId) {
    vendorActivationTime { count p50Seconds p90Seconds }
    firstTimeMatchRate exceptionRate touchlessRate perfectOrderRate
    exceptionsByQueue { queue count }
    portal: paymentStatusLatency(target: PORTAL) { count p50Ms p99Ms }
    graph: paymentStatusLatency(target: GRAPH) { count p50Ms p99Ms }
  }
  suppliers(first: 100, filter: { status: ACTIVE }) { nodes { id legalName } }
}`;
const FINDING_FIELDS = `id system recordType recordId externalId kind field canonicalValue systemValue systemOfRecord state note detectedAt settledAt run { id }`;
export const RECONCILIATION = `query ConsoleReconciliation($findings: DriftFindingFilter) {
  reconciliationRuns(first: 20) { totalCount nodes { id system state startedAt finishedAt recordsCompared canonicalRecordsChecked parts { service phase } findingsCount repairedCount error } }
  driftFindings(first: 50, filter: $findings) { totalCount nodes { ${FINDING_FIELDS} } }
}`;
export const START_RECONCILIATION = `mutation ConsoleStartReconciliation($system: BackingSystem!) {
  startReconciliation(system: $system) { run { id state } userErrors { code message } }
}`;
export const RESOLVE_DRIFT_FINDING = `mutation ConsoleResolveDriftFinding($id: ID!, $note: String!) {
  resolveDriftFinding(id: $id, note: $note) { finding { id state } userErrors { code message } }
}`;
/** What the operations pages show changed: each page asks for its topics (of one record, for a record's page). */
export const OPERATIONS_CHANGED = `subscription ConsoleOperationsChanged($topics: [OperationsTopic!], $recordId: ID) {
  operationsChanged(topics: $topics, recordId: $recordId) { topic system recordId changes occurredAt }
}`;
export const EDI_DOCUMENTS = `query ConsoleEdiDocuments($filter: EdiDocumentFilter) {
  ediDocuments(first: 50, filter: $filter) {
    totalCount
    nodes { id direction type interchangeControlNumber status overdue receivedAt supplier { id legalName }
      errors { segment position element code message } invoice { invoiceNumber } purchaseOrder { number } payment { paymentNumber } }
  }
}`;
