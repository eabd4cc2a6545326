import { RemoteHttpError } from '@procuregraph/platform/resilience/failures';
import { fromRepositoryChanges, type RepositoryChange } from './contract-repository-mapping.ts';

/** The only module that knows the contract repository's URLs; shapes live in contract-repository-mapping.ts. */
export interface ContractRepositoryConnector {
  changesSince(since: string | null, signal?: AbortSignal): Promise<{ changes: RepositoryChange[]; nextSince: string | null }>;
}

const PAGE_SIZE = 200;

/** The repository's errors: `{ "error": { code, message } }`. */
async function describeFailure(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return `${String(body.error?.code ?? 'error')}: ${String(body.error?.message ?? '')}`;
  } catch {
    return text;
  }
}

export function contractRepositoryConnector(baseUrl: string): ContractRepositoryConnector {
  return {
    async changesSince(since, signal) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), ...(since ? { since } : {}) });
      const response = await fetch(`${baseUrl.replace(/\/$/, '')}/api/changes?${query}`, { headers: { accept: 'application/json' }, signal: signal ?? null });
      if (!response.ok) throw new RemoteHttpError(response.status, `GET /api/changes → ${response.status}: ${await describeFailure(response)}`);
      return fromRepositoryChanges(await response.json());
    },
  };
}
