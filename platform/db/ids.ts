import { v7 as uuidv7, validate, version } from 'uuid';

/** A new time-ordered id (UUIDv7): sorting by id is sorting by creation, which keyset paging uses. */
export function newId(): string {
  return uuidv7();
}

/**
 * A reproducible UUIDv7 for demo data: the same time, namespace and sequence always give the same
 * id, and different ones never collide. The 74 bits after the version and variant hold the
 * namespace (32 bits, 10 of them unused) and the sequence (32 bits), so ids still sort by time.
 */
export function deterministicId(createdAt: Date, sequence: number, namespace: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(createdAt.getTime(), 0, 6);
  bytes[6] = 0x70 | ((namespace >>> 8) & 0x0f);
  bytes[7] = namespace & 0xff;
  bytes[8] = 0x80 | ((namespace >>> 12) & 0x3f);
  bytes[9] = (namespace >>> 18) & 0xff;
  bytes[10] = (namespace >>> 26) & 0x3f;
  bytes.writeUInt32BE(sequence >>> 0, 12);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function isUuid(value: string): boolean {
  return validate(value) && version(value) >= 1;
}
