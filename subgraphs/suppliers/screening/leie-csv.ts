/**
 * The HHS-OIG LEIE download (UPDATED.csv): one header row, every field quoted, dates YYYYMMDD
 * with 00000000 for none. Only the columns screening needs are kept.
 */

export const LEIE_COLUMNS = [
  'LASTNAME',
  'FIRSTNAME',
  'MIDNAME',
  'BUSNAME',
  'GENERAL',
  'SPECIALTY',
  'UPIN',
  'NPI',
  'DOB',
  'ADDRESS',
  'CITY',
  'STATE',
  'ZIP',
  'EXCLTYPE',
  'EXCLDATE',
  'REINDATE',
  'WAIVERDATE',
  'WVRSTATE',
] as const;

export interface LeieEntry {
  lastName: string;
  firstName: string;
  businessName: string;
  state: string;
  exclusionType: string;
  /** YYYY-MM-DD, or null when the file says 00000000. */
  excludedOn: string | null;
  reinstatedOn: string | null;
}

/** Splits one CSV record; doubled quotes inside a quoted field stand for one quote. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      fields.push(field);
      field = '';
    } else field += character;
  }
  fields.push(field);
  return fields;
}

function leieDate(value: string): string | null {
  return /^\d{8}$/.test(value) && value !== '00000000' ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : null;
}

/** Parses a whole file; throws when the header is not the LEIE one, so a wrong file never empties the list. */
export function parseLeieCsv(text: string): LeieEntry[] {
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0]?.replace(/^\uFEFF/, '') ?? '').map((name) => name.trim().toUpperCase());
  const position = Object.fromEntries(LEIE_COLUMNS.map((column) => [column, header.indexOf(column)])) as Record<
    (typeof LEIE_COLUMNS)[number],
    number
  >;
  const missing = LEIE_COLUMNS.filter((column) => position[column] < 0);
  if (missing.length > 0) throw new Error(`Not an LEIE file: the columns ${missing.join(', ')} are missing`);
  const entries: LeieEntry[] = [];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line);
    const field = (column: (typeof LEIE_COLUMNS)[number]) => (fields[position[column]] ?? '').trim();
    entries.push({
      lastName: field('LASTNAME'),
      firstName: field('FIRSTNAME'),
      businessName: field('BUSNAME'),
      state: field('STATE').toUpperCase(),
      exclusionType: field('EXCLTYPE'),
      excludedOn: leieDate(field('EXCLDATE')),
      reinstatedOn: leieDate(field('REINDATE')),
    });
  }
  return entries;
}
