import { z } from 'zod';
import { requestJson } from '@procuregraph/platform/http';
import { readChangePage, readContractPage, type Contract, type ContractChangePage } from './resources.ts';

const PAGE_SIZE = 200;

/** The only client of the contract repository: its URLs, its error bodies, its paging. */
export interface ContractRepositoryClient {
  /** The changes after a cursor (null: from the beginning), oldest first. */
  changesSince(since: string | null, signal?: AbortSignal): Promise<ContractChangePage>;
  /** One page (from 1) of every contract as it reads now, with the number of pages. */
  contractsPage(page: number, perPage: number, signal?: AbortSignal): Promise<{ items: Contract[]; totalPages: number }>;
}

const repositoryError = z.object({ error: z.object({ code: z.string(), message: z.string().optional() }).loose() }).loose();

/** "contract_not_found: …" from the repository's `{ "error": { code, message } }`; other bodies as text. */
export function describeRepositoryError(body: unknown): string {
  const parsed = repositoryError.safeParse(body);
  if (!parsed.success) return typeof body === 'string' ? body.slice(0, 200) : 'no error details';
  return `${parsed.data.error.code}: ${parsed.data.error.message ?? ''}`;
}

export function contractRepositoryClient(baseUrl: string): ContractRepositoryClient {
  const root = `${baseUrl.replace(/\/$/, '')}/api`;
  return {
    async changesSince(since, signal) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(since ? { since } : {}) });
      return readChangePage(await requestJson(`${root}/changes?${query}`, { method: 'GET', signal }, describeRepositoryError));
    },
    async contractsPage(page, perPage, signal) {
      const query = new URLSearchParams({ page: String(page), per_page: String(perPage) });
      return readContractPage(await requestJson(`${root}/contracts?${query}`, { method: 'GET', signal }, describeRepositoryError));
    },
  };
}
