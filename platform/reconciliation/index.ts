// The public entry of platform/reconciliation: what other workspaces may import.
export {
  canonicalPageOf,
  decimalField,
  fieldMismatches,
  missingInCanonical,
  missingInSystem,
  type ComparedField,
  type ComparedRecord,
} from './compared-record.ts';
export { comparersInTurn } from './comparers-in-turn.ts';
export { compareCursorPage, type CursorPage, type CursorPagedComparison } from './cursor-paged.ts';
export { driftAlerted, driftAlertResolved, type DriftAlerted, type DriftAlertResolved } from './drift-alerts.ts';
export { PROCUREGRAPH, recordFindings, settleFinding, type FindingInput, type StoredFinding, type SystemOfRecord } from './findings.ts';
export {
  failRun,
  findFinding,
  findRun,
  listFindings,
  listRuns,
  openRun,
  partsOf,
  partsOfRuns,
  reconciliationTopic,
  resolveFinding,
  runParts,
  runsByIds,
  type FindingFilter,
  type RunFilter,
  type RunPart,
  type StoredPart,
  type StoredRun,
} from './reconciliation-store.ts';
export {
  findingKinds,
  findingStates,
  recordTypes,
  runStates,
  type FindingKind,
  type FindingState,
  type RecordType,
  type RunState,
} from './reconciliation-tables.ts';
export { defineReconciliationHandler, type ReconciliationHandlerOptions } from './handler.ts';
export {
  runReconciliationSlice,
  type CanonicalPage,
  type Checkpoint,
  type ComparedPage,
  type PartPhase,
  type PartScope,
  type ReconciliationComparer,
  type SliceOutcome,
} from './run-part.ts';
export { auditAlertRelease, requestAlertRelease } from './resolve-alert.ts';
export { startReconciliationRun, type StartOutcome } from './start-run.ts';
export { failStrandedRuns } from './stranded-runs.ts';
export { dueSince, reconciliationTimes, startReconciliationSchedule, type ScheduleOptions } from './schedule.ts';
