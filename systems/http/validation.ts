import { z } from 'zod';
import { isDecimalString } from '@procuregraph/platform/money';
import { HttpError } from './errors.ts';

function describeIssue(issue: z.ZodError['issues'][number]): string {
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${path}: ${issue.message}`;
}

/** Parses untrusted input or throws a 400 that names every offending field. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, value: unknown, code: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new HttpError(400, code, parsed.error.issues.map(describeIssue).join('; '));
}

/**
 * An exact decimal given as a string (or, leniently, as a JSON number, which clients of
 * JSON APIs often send), always kept as the string it was written as.
 */
export function decimalInput(options: { positive?: boolean } = {}) {
  return z
    .union([z.string(), z.number()])
    .transform((value) => String(value).trim())
    .refine(isDecimalString, { message: 'must be a decimal number such as "12.50"' })
    .refine((value) => !options.positive || (!value.startsWith('-') && /[1-9]/.test(value)), {
      message: 'must be greater than zero',
    });
}

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateInput = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
