import { ExactDecimal, isDecimalString } from '@procuregraph/platform/money';
import { HttpError } from '@procuregraph/reference-http';
import { ErpErrorCode } from '../fusion-errors.ts';

/**
 * Fusion's `q` query parameter, the common subset: `Attr=value` clauses joined by `;` (AND),
 * comparison operators `= != > >= < <=`, values optionally quoted ('Acme; Inc' or "Acme"),
 * and one level of child attribute (`accountOwners.AccountOwnerPartyIdentifier=123`, which
 * matches when any child matches).
 */
export type Operator = '=' | '!=' | '>' | '>=' | '<' | '<=';

export interface Condition {
  path: string[];
  operator: Operator;
  value: string;
}

const CLAUSE = /^\s*([A-Za-z]\w*(?:\.[A-Za-z]\w*)?)\s*(>=|<=|!=|<>|=|>|<)\s*(.*?)\s*$/s;

function splitClauses(q: string): string[] {
  const clauses: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const character of q) {
    if (quote) {
      if (character === quote) quote = null;
    } else if (character === "'" || character === '"') {
      quote = character;
    } else if (character === ';') {
      clauses.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  if (quote) throw badQuery(`the quote ${quote} is not closed`);
  clauses.push(current);
  return clauses.filter((clause) => clause.trim() !== '');
}

function unquote(value: string): string {
  const quoted = value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0];
  return quoted ? value.slice(1, -1) : value;
}

function badQuery(reason: string): HttpError {
  return new HttpError(400, ErpErrorCode.badQuery, `URL request parameter q is not valid: ${reason}.`);
}

export function parseQ(q: string, attributes: ReadonlySet<string>): Condition[] {
  return splitClauses(q).map((clause) => {
    const match = CLAUSE.exec(clause);
    if (!match) throw badQuery(`cannot read ${JSON.stringify(clause.trim())}`);
    const [, attribute = '', operator = '=', value = ''] = match;
    if (!attributes.has(attribute)) throw badQuery(`the attribute ${attribute} is not a queryable attribute of this resource`);
    return { path: attribute.split('.'), operator: (operator === '<>' ? '!=' : operator) as Operator, value: unquote(value) };
  });
}

function compare(actual: string | number, expected: string): number | undefined {
  if (typeof actual === 'number') {
    const number = Number(expected);
    return expected.trim() === '' || Number.isNaN(number) ? undefined : Math.sign(actual - number);
  }
  if (isDecimalString(actual) && isDecimalString(expected)) return new ExactDecimal(actual).comparedTo(expected);
  return actual < expected ? -1 : actual > expected ? 1 : 0;
}

function holds(actual: unknown, condition: Condition): boolean {
  if (actual === null || actual === undefined) return condition.operator === '!=';
  if (typeof actual === 'boolean') {
    const equal = String(actual) === condition.value.toLowerCase();
    return condition.operator === '=' ? equal : condition.operator === '!=' ? !equal : false;
  }
  if (typeof actual !== 'string' && typeof actual !== 'number') return false;
  // Equality on text is exact, as in Fusion: "0042" is not "42".
  if (typeof actual === 'string' && (condition.operator === '=' || condition.operator === '!=')) {
    return (actual === condition.value) === (condition.operator === '=');
  }
  const order = compare(actual, condition.value);
  if (order === undefined) return condition.operator === '!=';
  switch (condition.operator) {
    case '=':
      return order === 0;
    case '!=':
      return order !== 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
  }
}

function conditionHolds(row: Record<string, unknown>, condition: Condition): boolean {
  const [head = '', child] = condition.path;
  if (child === undefined) return holds(row[head], condition);
  const items = row[head];
  return Array.isArray(items) && items.some((item) => holds((item as Record<string, unknown>)[child], condition));
}

export function matchesAll(row: Record<string, unknown>, conditions: readonly Condition[]): boolean {
  return conditions.every((condition) => conditionHolds(row, condition));
}
