import { Router } from 'express';
import { z } from 'zod';
import { HttpError, readIntegerParam, readStringParam, dateInput, decimalInput, parseInput } from '@procuregraph/reference-http';
import { ClmErrorCode } from './api-errors.ts';
import { recordChange } from './changes.ts';
import type { ClmContext } from './context.ts';
import { contractView, effectiveStatus } from './contract-view.ts';
import { contractId, type ClmState, type Contract } from './state.ts';

const DEFAULT_PER_PAGE = 25;
const MAX_PER_PAGE = 100;

export const priceTermInput = z
  .object({
    item_number: z.string().trim().min(1).max(60),
    description: z.string().trim().max(240).nullable().default(null),
    unit_price: decimalInput({ positive: true }),
    uom: z.string().trim().min(1).max(10),
  })
  .strict();

const contractBody = z
  .object({
    contract_number: z.string().trim().min(1).max(60),
    title: z.string().trim().min(1).max(240),
    counterparty: z
      .object({ name: z.string().trim().min(1).max(240), vendor_number: z.string().trim().min(1).nullable().default(null) })
      .strict(),
    status: z.enum(['draft', 'executed']).default('executed'),
    effective_date: dateInput,
    expiration_date: dateInput.nullable().default(null),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('USD'),
    price_terms: z.array(priceTermInput).default([]),
  })
  .strict()
  .refine((body) => body.expiration_date === null || body.expiration_date >= body.effective_date, {
    message: 'must not be before effective_date',
    path: ['expiration_date'],
  })
  .refine((body) => new Set(body.price_terms.map((term) => term.item_number)).size === body.price_terms.length, {
    message: 'each item_number may appear once',
    path: ['price_terms'],
  });

export function requireContract(state: ClmState, id: string): Contract {
  const contract = state.contracts.get(id);
  if (!contract) throw new HttpError(404, ClmErrorCode.notFound, `No contract ${id}.`);
  return contract;
}

function createContract(state: ClmState, body: z.output<typeof contractBody>): Contract {
  if (state.contracts.find((contract) => contract.contract_number === body.contract_number)) {
    throw new HttpError(409, ClmErrorCode.duplicateContractNumber, `A contract numbered ${body.contract_number} already exists.`);
  }
  const now = new Date().toISOString();
  // Seeded contracts keep the ids they came with, which may use this format too.
  while (state.contracts.get(contractId(state.sequences.contract))) state.sequences.contract += 1;
  const id = contractId(state.sequences.contract++);
  return state.contracts.insert({ id, ...body, version: 1, amendments: [], termination: null, created_at: now, updated_at: now });
}

/** `supplier=` matches the counterparty's ERP vendor number exactly, or its name ignoring case. */
function isCounterparty(contract: Contract, supplier: string): boolean {
  return contract.counterparty.vendor_number === supplier || contract.counterparty.name.toLowerCase() === supplier.toLowerCase();
}

function listContracts(state: ClmState, query: Record<string, unknown>) {
  const supplier = readStringParam(query.supplier, 'supplier', ClmErrorCode.badRequest);
  const status = readStringParam(query.status, 'status', ClmErrorCode.badRequest);
  const page = readIntegerParam(query.page, 'page', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 1 }, ClmErrorCode.badRequest);
  const perPage = readIntegerParam(
    query.per_page,
    'per_page',
    { min: 1, max: MAX_PER_PAGE, fallback: DEFAULT_PER_PAGE },
    ClmErrorCode.badRequest,
  );
  const now = new Date();
  const matching = state.contracts.filter(
    (contract) =>
      (supplier === undefined || isCounterparty(contract, supplier)) && (status === undefined || effectiveStatus(contract, now) === status),
  );
  return {
    data: matching.slice((page - 1) * perPage, page * perPage).map((contract) => contractView(contract, now)),
    page,
    per_page: perPage,
    total: matching.length,
    total_pages: Math.ceil(matching.length / perPage),
  };
}

/** Contracts: create (idempotent), list with filters and pages, read one. */
export function contractsRouter(context: ClmContext): Router {
  const { state } = context;
  const router = Router();

  router.post('/api/contracts', context.idempotent, (request, response) => {
    const contract = createContract(state, parseInput(contractBody, request.body, ClmErrorCode.badRequest));
    recordChange(context, 'contract.created', contract);
    response.status(201).json(contractView(contract, new Date()));
  });

  router.get('/api/contracts', (request, response) => {
    response.json(listContracts(state, request.query));
  });

  router.get('/api/contracts/:id', (request, response) => {
    response.json(contractView(requireContract(state, request.params.id), new Date()));
  });
  return router;
}
