/**
 * The demo world's calendar. "Today" is fixed rather than read from the clock, so that every
 * process that builds the world (canonical seed, each reference system's seed) builds the same one.
 */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const AS_OF = Date.UTC(2026, 10, 1);
/** Two years of history: the first supplier registers at the start, the last PO is a day old. */
export const HISTORY_START = AS_OF - 730 * DAY;

export function isoDate(instant: number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

export function startOfDay(instant: number): number {
  return Math.floor(instant / DAY) * DAY;
}

export function dateToInstant(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Drops sub-second noise so stored times read naturally. */
export function wholeSeconds(instant: number): Date {
  return new Date(Math.floor(instant / 1000) * 1000);
}
