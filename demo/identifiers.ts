import { deterministicId } from '@procuregraph/platform/db';

/** GS1 mod-10 check digit (GTIN, GLN): weights 3, 1, 3, ... from the rightmost data digit. */
export function withGs1CheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const weight = (body.length - i) % 2 === 1 ? 3 : 1;
    sum += Number(body[i]) * weight;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** ABA check digit: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function withAbaCheckDigit(eightDigits: string): string {
  const weights = [3, 7, 1, 3, 7, 1, 3, 7];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(eightDigits[i]), 0);
  return eightDigits + String((10 - (sum % 10)) % 10);
}

/** IRS campus prefixes never assigned to an EIN. */
export const INVALID_EIN_PREFIXES: ReadonlySet<string> = new Set([
  '00',
  '07',
  '08',
  '09',
  '17',
  '18',
  '19',
  '28',
  '29',
  '49',
  '69',
  '70',
  '78',
  '79',
  '89',
  '96',
  '97',
]);

const VALID_EIN_PREFIXES = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0')).filter(
  (prefix) => !INVALID_EIN_PREFIXES.has(prefix),
);

const EIN_SERIALS = 10_000_000;

/**
 * A distinct EIN per index: the prefix cycles through the valid campus prefixes and the serial is
 * an affine map modulo 10^7 (7919 is prime, so no two indices share a serial under one prefix).
 */
export function employerIdentificationNumber(seed: number, index: number): string {
  const prefix = VALID_EIN_PREFIXES[(index + seed) % VALID_EIN_PREFIXES.length]!;
  const round = Math.floor(index / VALID_EIN_PREFIXES.length);
  const serial = (round * 7919 + (seed % EIN_SERIALS) * 31 + 1_048_576) % EIN_SERIALS;
  return `${prefix}-${String(serial).padStart(7, '0')}`;
}

/** Kinds of ERP object; each kind gets its own residue so ids never collide across kinds. */
const ERP_KINDS = ['SUPPLIER', 'BANK_ACCOUNT', 'SITE', 'ADDRESS', 'PURCHASE_ORDER', 'RECEIPT', 'INVOICE', 'PAYMENT'] as const;
export type ErpKind = (typeof ERP_KINDS)[number];

/** Oracle Fusion style surrogate keys: 15-digit numbers starting with 3000000. */
export function erpId(kind: ErpKind, index: number): number {
  return 300_000_047_000_000 + index * 16 + ERP_KINDS.indexOf(kind);
}

export const RECORD_KINDS = [
  'FACILITY',
  'SUPPLIER',
  'CERTIFICATE',
  'CONTRACT',
  'PURCHASE_ORDER',
  'RECEIPT',
  'INVOICE',
  'MATCH_EXCEPTION',
  'PAYMENT',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** What `deterministicId` actually keeps: the millisecond and 15 bits of the sequence. */
const MILLISECONDS = 1000;
const SEQUENCES = 1 << 15;

export interface Stamp {
  id: string;
  createdAt: Date;
}

/**
 * Ids for every record of a world. Each record gets a world-wide number; its remainder modulo 1000
 * becomes the millisecond of `createdAt` and its quotient the UUIDv7 sequence, so two records can
 * never share an id even when they were created in the same second.
 */
export class RecordIds {
  readonly #bases = new Map<RecordKind, { base: number; capacity: number }>();

  constructor(capacities: Readonly<Record<RecordKind, number>>) {
    let base = 0;
    for (const kind of RECORD_KINDS) {
      this.#bases.set(kind, { base, capacity: capacities[kind] });
      base += capacities[kind];
    }
    if (base > MILLISECONDS * SEQUENCES)
      throw new Error(`A world of ${base} records exceeds the ${MILLISECONDS * SEQUENCES} distinct demo ids`);
  }

  stamp(kind: RecordKind, index: number, instant: number): Stamp {
    const { base, capacity } = this.#bases.get(kind)!;
    if (!Number.isInteger(index) || index < 0 || index >= capacity) throw new Error(`${kind} index ${index} is outside 0..${capacity - 1}`);
    const number = base + index;
    const createdAt = new Date(Math.floor(instant / 1000) * 1000 + (number % MILLISECONDS));
    return { id: deterministicId(createdAt, Math.floor(number / MILLISECONDS), RECORD_KINDS.indexOf(kind)), createdAt };
  }
}
