import { v7 as uuidv7, validate, version } from 'uuid';

/** A new time-ordered id (UUIDv7): sorting by id is sorting by creation, which keyset paging uses. */
export function newId(): string {
  return uuidv7();
}

/** A reproducible UUIDv7 for demo data: the same time and sequence number always give the same id. */
export function deterministicId(createdAt: Date, sequence: number, namespace: number): string {
  const random = new Uint8Array(16);
  const view = new DataView(random.buffer);
  view.setUint32(0, namespace);
  view.setUint32(4, sequence);
  return uuidv7({ msecs: createdAt.getTime(), random });
}

export function isUuid(value: string): boolean {
  return validate(value) && version(value) >= 1;
}
