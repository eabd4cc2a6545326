import { isUuid } from '../db/ids.ts';
import { badUserInput } from './errors.ts';

/** An id given as a filter must be well formed: a malformed one is the client's mistake, said plainly. */
export function idArgument(value: string | null | undefined, argumentName: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isUuid(value)) throw badUserInput(`"${argumentName}" is not a valid id: ${JSON.stringify(value)}`, argumentName);
  return value;
}
