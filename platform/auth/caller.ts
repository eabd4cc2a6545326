export const staffRoles = ['admin', 'procurement', 'finance', 'compliance', 'integration'] as const;
export type StaffRole = (typeof staffRoles)[number];
export type Role = StaffRole | 'supplier';
export const roles: readonly Role[] = [...staffRoles, 'supplier'];

/**
 * Who is asking. A supplier always carries the one supplier it may see; staff never do. The
 * worker and the seeders act as `system`. `clientAddress` is where the request came from as the
 * gateway saw it; only the gateway's internal token sets it (a user's own token cannot).
 */
export type Caller =
  | { readonly kind: 'staff'; readonly subject: string; readonly role: StaffRole; readonly clientAddress?: string }
  | {
      readonly kind: 'supplier';
      readonly subject: string;
      readonly role: 'supplier';
      readonly supplierId: string;
      readonly clientAddress?: string;
    }
  | { readonly kind: 'system'; readonly subject: string };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** The claims Procuregraph puts in (and reads from) tokens, besides the registered ones. */
export interface CallerClaims {
  sub: string;
  role: Role;
  supplier_id?: string;
}

export function callerFromClaims(claims: Record<string, unknown>): Caller | null {
  const { sub, role, supplier_id: supplierId } = claims;
  if (typeof sub !== 'string' || !isRole(role)) return null;
  if (role === 'supplier') {
    return typeof supplierId === 'string' && supplierId ? { kind: 'supplier', subject: sub, role, supplierId } : null;
  }
  return { kind: 'staff', subject: sub, role };
}

export function claimsFromCaller(caller: Exclude<Caller, { kind: 'system' }>): CallerClaims {
  return caller.kind === 'supplier'
    ? { sub: caller.subject, role: caller.role, supplier_id: caller.supplierId }
    : { sub: caller.subject, role: caller.role };
}

/**
 * The one supplier whose rows a list is narrowed to: a supplier's own for a supplier's token
 * (whatever it asks), else the one the filter names, null for every supplier. Undefined when the
 * token and the filter name two different suppliers.
 */
export function narrowedSupplier(caller: Caller, requested: string | undefined): string | null | undefined {
  if (caller.kind !== 'supplier') return requested ?? null;
  return requested === undefined || requested === caller.supplierId ? caller.supplierId : undefined;
}
