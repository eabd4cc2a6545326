/**
 * The time business events are stamped with: the process's clock, unless the one running
 * Procuregraph in-process hands it another (the end-to-end tests do, so activation times and
 * propagation latencies are known to the millisecond).
 */
let clock: () => Date = () => new Date();

export function useBusinessClock(now: () => Date): void {
  clock = now;
}

export function businessNow(): Date {
  return clock();
}
