import type { HoldReason } from '../db/tables.ts';

/** The hold an alerted drift of each sensitive supplier field places, and resolving the alert lifts. */
export const driftHoldReasons = {
  bankAccount: 'BANK_ACCOUNT_DRIFT',
  taxId: 'TAX_ID_DRIFT',
} as const satisfies Record<string, HoldReason>;

export type DriftHoldReason = (typeof driftHoldReasons)[keyof typeof driftHoldReasons];

/** The hold a finding of this field placed, if it is one that places a hold. */
export function driftHoldOf(field: string): DriftHoldReason | null {
  return Object.hasOwn(driftHoldReasons, field) ? driftHoldReasons[field as keyof typeof driftHoldReasons] : null;
}
