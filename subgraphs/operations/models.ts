import type { AuditEventRow } from '@procuregraph/platform/audit';
import type { Connection, Edge } from '@procuregraph/platform/graphql';
import type { DeadLetterSummary, JobSummary, SystemBacklog } from '@procuregraph/platform/jobs';
import type { SystemCircuit } from '@procuregraph/platform/resilience';
import type { FeedLag } from '@procuregraph/platform/inbound';

export type SyncJobModel = JobSummary;
export type SyncJobConnectionModel = Connection<SyncJobModel>;
export type SyncJobEdgeModel = Edge<SyncJobModel>;
export type DeadLetterModel = DeadLetterSummary;
export type DeadLetterConnectionModel = Connection<DeadLetterModel>;
export type DeadLetterEdgeModel = Edge<DeadLetterModel>;
export type IntegrationSystemModel = SystemCircuit & { backlog: SystemBacklog; feeds: FeedLagModel[] };
export type FeedLagModel = FeedLag;
export type SyncBacklogModel = SystemBacklog;
export type AuditEventModel = AuditEventRow;
export type AuditEventConnectionModel = Connection<AuditEventModel>;
export type AuditEventEdgeModel = Edge<AuditEventModel>;
