import { Router } from 'express';
import { z } from 'zod';
import { isoDate, HttpError, dateInput, parseInput } from '@procuregraph/reference-http';
import { ClmErrorCode } from './api-errors.ts';
import { recordChange } from './changes.ts';
import type { ClmContext } from './context.ts';
import { contractView, effectiveStatus } from './contract-view.ts';
import { priceTermInput, requireContract } from './contracts.ts';
import { amendmentId, type Amendment, type ClmState, type Contract, type PriceTerm } from './state.ts';

const amendmentBody = z
  .object({
    reason: z.string().trim().min(1).max(2000),
    effective_date: dateInput.optional(),
    expiration_date: dateInput.nullable().optional(),
    price_changes: z.array(priceTermInput).default([]),
    removed_items: z.array(z.string().trim().min(1)).default([]),
  })
  .strict()
  .refine((body) => new Set(body.price_changes.map((term) => term.item_number)).size === body.price_changes.length, {
    message: 'each item_number may appear once',
    path: ['price_changes'],
  })
  .refine((body) => body.expiration_date !== undefined || body.price_changes.length > 0 || body.removed_items.length > 0, {
    message: 'an amendment must change expiration_date, price_changes or removed_items',
  });

const terminationBody = z.object({ reason: z.string().trim().min(1).max(2000), effective_date: dateInput.optional() }).strict();

function checkAmendable(contract: Contract, action: string): void {
  const status = effectiveStatus(contract, new Date());
  if (status === 'expired' || status === 'terminated') {
    throw new HttpError(409, ClmErrorCode.notAmendable, `The contract ${contract.id} is ${status} and cannot be ${action}.`);
  }
}

function priceChanges(contract: Contract, body: z.output<typeof amendmentBody>): NonNullable<Amendment['changes']['price_terms']> {
  const unknown = body.removed_items.filter((item) => !contract.price_terms.some((term) => term.item_number === item));
  if (unknown.length > 0) throw new HttpError(422, ClmErrorCode.unknownItem, `The contract has no price term for ${unknown.join(', ')}.`);
  const changed = body.price_changes.map((term) => ({
    item_number: term.item_number,
    from: contract.price_terms.find((current) => current.item_number === term.item_number)?.unit_price ?? null,
    to: term.unit_price,
  }));
  const removed = body.removed_items.map((item) => ({
    item_number: item,
    from: contract.price_terms.find((current) => current.item_number === item)?.unit_price ?? null,
    to: null,
  }));
  return [...changed, ...removed];
}

/** Changed terms stay where they were (keeping their description unless a new one is given); new ones go last. */
function amendedTerms(terms: readonly PriceTerm[], body: z.output<typeof amendmentBody>): PriceTerm[] {
  const changes = new Map(body.price_changes.map((term) => [term.item_number, term]));
  const kept = terms
    .filter((term) => !body.removed_items.includes(term.item_number))
    .map((term) => {
      const change = changes.get(term.item_number);
      return change ? { ...change, description: change.description ?? term.description } : term;
    });
  const added = body.price_changes.filter((change) => !terms.some((term) => term.item_number === change.item_number));
  return [...kept, ...added];
}

/** Applies an amendment: new version, changed terms, the change recorded on the contract. */
function amend(state: ClmState, contract: Contract, body: z.output<typeof amendmentBody>): Amendment {
  checkAmendable(contract, 'amended');
  const expiration = body.expiration_date === undefined ? contract.expiration_date : body.expiration_date;
  if (expiration !== null && expiration < contract.effective_date) {
    throw new HttpError(400, ClmErrorCode.badRequest, 'expiration_date: must not be before the contract effective_date');
  }
  const changes: Amendment['changes'] = {};
  if (body.expiration_date !== undefined) changes.expiration_date = { from: contract.expiration_date, to: body.expiration_date };
  const prices = priceChanges(contract, body);
  if (prices.length > 0) changes.price_terms = prices;

  contract.price_terms = amendedTerms(contract.price_terms, body);
  contract.expiration_date = expiration;
  contract.version += 1;
  const now = new Date();
  contract.updated_at = now.toISOString();
  const amendment: Amendment = {
    amendment_id: amendmentId(state.sequences.amendment++),
    version: contract.version,
    effective_date: body.effective_date ?? isoDate(now),
    reason: body.reason,
    changes,
    created_at: now.toISOString(),
  };
  contract.amendments.push(amendment);
  return amendment;
}

/** Amendments (price terms, expiration date; each bumps the version) and termination. */
export function amendmentsRouter(context: ClmContext): Router {
  const { state } = context;
  const router = Router();

  router.post('/api/contracts/:id/amendments', context.idempotent, (request, response) => {
    const contract = requireContract(state, String(request.params.id));
    const amendment = amend(state, contract, parseInput(amendmentBody, request.body, ClmErrorCode.badRequest));
    recordChange(context, 'contract.amended', contract);
    response.status(201).json({ amendment, contract: contractView(contract, new Date()) });
  });

  router.post('/api/contracts/:id/terminate', (request, response) => {
    const contract = requireContract(state, request.params.id);
    const body = parseInput(terminationBody, request.body, ClmErrorCode.badRequest);
    // Terminating twice is not an error: the first termination stands.
    if (contract.status !== 'terminated') {
      checkAmendable(contract, 'terminated');
      const now = new Date();
      contract.status = 'terminated';
      contract.termination = { effective_date: body.effective_date ?? isoDate(now), reason: body.reason };
      contract.version += 1;
      contract.updated_at = now.toISOString();
      recordChange(context, 'contract.terminated', contract);
    }
    response.json(contractView(contract, new Date()));
  });
  return router;
}
