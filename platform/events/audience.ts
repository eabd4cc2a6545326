import type { UserCaller } from '../auth/tokens.ts';

/**
 * Whether a caller may receive a live event about a supplier: a supplier only about itself,
 * whatever it asked for; staff about every supplier, as every staff role may read business records
 * (role rules are in the schema: @requiresRole).
 */
export function mayReceiveSupplierEvent(caller: UserCaller, supplierId: string): boolean {
  return caller.kind === 'staff' || caller.supplierId === supplierId;
}
