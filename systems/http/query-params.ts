import { HttpError } from './errors.ts';

/** Reads one integer query parameter within bounds; anything else is the caller's error (400). */
export function readIntegerParam(
  value: unknown,
  name: string,
  bounds: { min: number; max: number; fallback: number },
  code: string,
): number {
  if (value === undefined || value === '') return bounds.fallback;
  const text = typeof value === 'string' ? value : '';
  if (!/^-?\d+$/.test(text)) throw new HttpError(400, code, `Query parameter ${name} must be an integer, got ${JSON.stringify(value)}.`);
  const number = Number(text);
  if (number < bounds.min || number > bounds.max) {
    throw new HttpError(400, code, `Query parameter ${name} must be between ${bounds.min} and ${bounds.max}, got ${number}.`);
  }
  return number;
}

/** A single-valued string query parameter; repeated parameters are refused rather than guessed at. */
export function readStringParam(value: unknown, name: string, code: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new HttpError(400, code, `Query parameter ${name} must be given once.`);
  return value;
}
