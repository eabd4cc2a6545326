import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { appendEvent, readEventsAfter, readIntegerParam } from '@procuregraph/reference-http';
import { ClmErrorCode } from './api-errors.ts';
import type { ClmContext } from './context.ts';
import { contractView } from './contract-view.ts';
import type { ChangeType, Contract } from './state.ts';

/** Appends a change carrying the contract as it reads after the change. */
export function recordChange(context: ClmContext, type: ChangeType, contract: Contract): void {
  appendEvent(context.state.changes, (sequence) => ({
    change_id: `chg_${randomBytes(8).toString('hex')}`,
    sequence,
    change_type: type,
    contract_id: contract.id,
    version: contract.version,
    occurred_at: new Date().toISOString(),
    contract: contractView(contract, new Date()),
  }));
  context.changed();
}

/**
 * `GET /api/changes?since=<cursor>&limit=`: changes after the cursor, oldest first. The cursor
 * is the `sequence` of the last change processed; `next_since` is the one to send next.
 * Contracts that expire by date produce no change: their `expiration_date` says so.
 */
export function changesRouter(context: ClmContext): Router {
  const router = Router();
  router.get('/api/changes', (request, response) => {
    const since = readIntegerParam(
      request.query.since,
      'since',
      { min: 0, max: Number.MAX_SAFE_INTEGER, fallback: 0 },
      ClmErrorCode.badRequest,
    );
    const limit = readIntegerParam(request.query.limit, 'limit', { min: 1, max: 1000, fallback: 100 }, ClmErrorCode.badRequest);
    const { events, hasMore } = readEventsAfter(context.state.changes, (change) => change.sequence, since, limit);
    response.json({ changes: events, next_since: String(events.at(-1)?.sequence ?? since), has_more: hasMore });
  });
  return router;
}
