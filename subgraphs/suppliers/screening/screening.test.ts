import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExclusionList } from './exclusion-list.ts';
import { bundledLeieFile, createExclusionScreening, loadExclusionList } from './exclusion-screening.ts';
import { LEIE_COLUMNS, parseLeieCsv } from './leie-csv.ts';

describe('the bundled LEIE sample', () => {
  it('excludes an active business exclusion in its state, whatever the spelling of its legal form', async () => {
    const list = await loadExclusionList(bundledLeieFile);
    const outcome = list.screen({ legalName: 'Meridian Durable Medical Supply Incorporated', state: 'FL' });
    expect(outcome).toMatchObject({
      status: 'EXCLUDED',
      entry: { businessName: 'MERIDIAN DURABLE MEDICAL SUPPLY, INC', excludedOn: '2019-03-21' },
    });
  });

  it('lets reinstated entries pass', async () => {
    const list = await loadExclusionList(bundledLeieFile);
    expect(list.screen({ legalName: 'Allied Biomedical Services, Inc.', state: 'NJ' })).toEqual({ status: 'CLEAR' });
    expect(list.screen({ legalName: 'Evergreen Medical Transport', state: 'WA' })).toEqual({ status: 'CLEAR' });
  });

  it('holds a near-duplicate name or another state for review', async () => {
    const list = await loadExclusionList(bundledLeieFile);
    expect(list.screen({ legalName: 'Gulf Coast Home Health Services of Texas LLC', state: 'TX' }).status).toBe('POTENTIAL_MATCH');
    expect(list.screen({ legalName: 'Keystone Clinical Laboratories', state: 'OH' }).status).toBe('POTENTIAL_MATCH');
    expect(list.screen({ legalName: 'John Smith', state: 'OH' }).status).toBe('POTENTIAL_MATCH');
  });

  it('clears unrelated suppliers sharing common words', async () => {
    const list = await loadExclusionList(bundledLeieFile);
    expect(list.screen({ legalName: 'Cardinal Surgical Supply Inc.', state: 'OH' })).toEqual({ status: 'CLEAR' });
    expect(list.screen({ legalName: 'Medical Supply Company', state: 'FL' })).toEqual({ status: 'CLEAR' });
  });

  it('refuses a file that is not an LEIE list', () => {
    expect(() => parseLeieCsv('NAME,STATE\n"A","B"\n')).toThrow(/Not an LEIE file/);
  });
});

describe('a full-size list', () => {
  let directory: string;
  const rows = 80_000;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'leie-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function row(values: Partial<Record<(typeof LEIE_COLUMNS)[number], string>>): string {
    return LEIE_COLUMNS.map((column) => `"${values[column] ?? (column.endsWith('DATE') || column === 'DOB' ? '00000000' : '')}"`).join(',');
  }

  it('loads 80,000 rows and screens against them', async () => {
    const lines = [LEIE_COLUMNS.join(',')];
    for (let index = 0; index < rows; index++) {
      const business = index % 4 === 0;
      lines.push(
        row(
          business
            ? { BUSNAME: `GENERATED MEDICAL SUPPLY ${index} INC`, STATE: 'TX', EXCLTYPE: '1128a1', EXCLDATE: '20200101' }
            : {
                LASTNAME: `LAST${index}`,
                FIRSTNAME: `FIRST${index}`,
                STATE: 'CA',
                EXCLTYPE: '1128b4',
                EXCLDATE: '20190101',
                REINDATE: index % 3 === 0 ? '20210101' : '00000000',
              },
        ),
      );
    }
    lines.push(row({ BUSNAME: 'NEEDLE IN A HAYSTACK HEALTH LLC', STATE: 'OH', EXCLTYPE: '1128a1', EXCLDATE: '20240101' }));
    const file = join(directory, 'UPDATED.csv');
    await writeFile(file, lines.join('\r\n'));

    const screening = createExclusionScreening(file);
    const list = await screening.current();
    expect(list.size).toBe(rows + 1);
    expect(list.screen({ legalName: 'Needle in a Haystack Health, L.L.C.', state: 'OH' }).status).toBe('EXCLUDED');
    expect(list.screen({ legalName: 'Generated Medical Supply 40 Incorporated', state: 'TX' }).status).toBe('EXCLUDED');
    expect(list.screen({ legalName: 'Cardinal Surgical Supply Inc.', state: 'OH' })).toEqual({ status: 'CLEAR' });
  });
});

describe('matching rules', () => {
  it('matches a business without a state in any state', () => {
    const list = buildExclusionList([
      {
        lastName: '',
        firstName: '',
        businessName: 'ACME HEALTH LLC',
        state: '',
        exclusionType: '1128a1',
        excludedOn: '2020-01-01',
        reinstatedOn: null,
      },
    ]);
    expect(list.screen({ legalName: 'Acme Health Inc', state: 'OH' }).status).toBe('EXCLUDED');
  });
});
