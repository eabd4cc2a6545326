// The public entry of platform/db: what other workspaces may import.
export { closeDatabaseClient, executeSql, openDatabaseClient, type DatabaseClient } from './client.ts';
export { amountColumn, createdAtColumn, idColumn, instantColumn, quantityColumn, referenceColumn, updatedAtColumn } from './columns.ts';
export { createServiceDatabase, type Database, type Queryable, type ServiceDatabase, type Transaction } from './database.ts';
export { deterministicId, isUuid, newId } from './ids.ts';
export { ENTITY_CHANGES_CHANNEL, listenForEntityChanges } from './entity-changes.ts';
export { backingSystems, integrationTables, type BackingSystem } from './integration-tables.ts';
export { migratePlatform } from './platform-schema.ts';
export { rateLimitCounters } from './platform-tables.ts';
export {
  countedRows,
  counterCountColumn,
  counterSlotColumn,
  supplierStatusCounterKey,
  type SupplierStatusCounter,
} from './row-counters.ts';
export { valueCheck } from './value-checks.ts';
export {
  ediDirections,
  ediDocumentTypes,
  ediDocuments,
  ediInterchanges,
  ediStatuses,
  orderDeliveries,
  tradingPartners,
  x12Versions,
  type EdiDirection,
  type OrderDelivery,
  type EdiDocumentError,
  type EdiDocumentType,
  type EdiStatus,
} from './edi-tables.ts';
export {
  mergeSubscriberNotification,
  recordJourneyStep,
  recordSubscriberNotifications,
  SUBSCRIBERS_NOTIFIED,
  type JourneyStepRecord,
  type SubscriberNotification,
} from './journey-recording.ts';
export { journeySteps, type JourneyOutcome, type JourneySystem } from './platform-tables.ts';
export {
  partnerBySender,
  partnerOf,
  recordOutboundDocument,
  takeControlNumber,
  type EdiDocumentRow,
  type OutboundDocumentRequest,
  type TradingPartnerRow,
} from './outbound-edi-documents.ts';
export {
  ediAcknowledgmentsOverdue,
  isAcknowledgmentOverdue,
  overdueAcknowledgment,
  reportOverdueAcknowledgments,
} from './overdue-acknowledgments.ts';
