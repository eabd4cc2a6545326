import type { CanonicalPage, Checkpoint, ComparedPage, ReconciliationComparer } from './run-part.ts';

/**
 * One service's part made of several comparers of the same system (invoicing: the ERP's payments,
 * then its invoices), each paged in turn. The checkpoint and the canonical paging key name the
 * comparer they are in, so a resumed part goes on in the right one.
 */
export function comparersInTurn(comparers: readonly ReconciliationComparer[]): ReconciliationComparer {
  const last = comparers.length - 1;
  return {
    async comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> {
      const index = Number(checkpoint?.comparer ?? 0);
      const page = await comparers[index]!.comparePage((checkpoint?.cursor as Checkpoint | null | undefined) ?? null, signal);
      const next = page.next ? { comparer: index, cursor: page.next } : index < last ? { comparer: index + 1, cursor: null } : null;
      return { ...page, next };
    },

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const [index, key] = afterKey === null ? [0, null] : (JSON.parse(afterKey) as [number, string | null]);
      const page = await comparers[index]!.canonicalPage(key);
      const next = page.next !== null ? JSON.stringify([index, page.next]) : index < last ? JSON.stringify([index + 1, null]) : null;
      return { ...page, next };
    },
  };
}
