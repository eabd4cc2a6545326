import { describe, expect, it } from 'vitest';
import { ContractResourceError, readChangePage, readContract } from '@procuregraph/connector-contract-repository';
import { ContractMappingError, fromRepositoryChange, fromRepositoryContract as fromContract } from './contract-repository-mapping.ts';

const now = new Date('2026-11-24T00:00:00Z');
const fromRepositoryContract = (body: unknown, at: Date) => fromContract(readContract(body), at);

/** A contract as `GET /api/contracts/{id}` (and each change's `contract`) answers it, after one amendment. */
const amendedContract = {
  id: 'CLM-00000042',
  contract_number: 'GPO-2025-0042',
  title: 'Exam gloves and drapes pricing agreement',
  counterparty: { name: 'Midwest Medical Supply LLC', vendor_number: '10042' },
  status: 'executed',
  effective_date: '2025-01-01',
  expiration_date: '2027-12-31',
  currency: 'USD',
  version: 2,
  price_terms: [
    { item_number: 'GLV-NIT-100', description: 'Nitrile gloves, box of 100', unit_price: '8.25', uom: 'BX' },
    { item_number: 'DRP-STR-01', description: 'Sterile drape', unit_price: '3.10', uom: 'EA' },
  ],
  amendments: [
    {
      amendment_id: 'AMD-00000007',
      version: 2,
      effective_date: '2026-06-01',
      reason: 'Annual price review',
      changes: {
        expiration_date: { from: '2026-12-31', to: '2027-12-31' },
        price_terms: [{ item_number: 'GLV-NIT-100', from: '8.50', to: '8.25' }],
      },
      created_at: '2026-05-20T10:00:00.000Z',
    },
  ],
  termination: null,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2026-05-20T10:00:00.000Z',
};

describe('repository contracts to canonical', () => {
  it('maps an amended contract with its current price terms', () => {
    expect(fromRepositoryContract(amendedContract, now)).toEqual({
      repositoryId: 'CLM-00000042',
      number: 'GPO-2025-0042',
      title: 'Exam gloves and drapes pricing agreement',
      vendorNumber: '10042',
      status: 'ACTIVE',
      effectiveFrom: '2025-01-01',
      effectiveTo: '2027-12-31',
      currency: 'USD',
      version: 2,
      priceTerms: [
        { itemNumber: 'GLV-NIT-100', unitPrice: '8.25', unitOfMeasure: 'BX' },
        { itemNumber: 'DRP-STR-01', unitPrice: '3.1', unitOfMeasure: 'EA' },
      ],
    });
  });

  it('maps every status, and an executed contract past its end as EXPIRED', () => {
    const statusOf = (status: string, expiration: string | null = '2027-12-31') =>
      fromRepositoryContract({ ...amendedContract, status, expiration_date: expiration }, now).status;
    expect(['draft', 'executed', 'expired', 'terminated'].map((status) => statusOf(status))).toEqual([
      'DRAFT',
      'ACTIVE',
      'EXPIRED',
      'TERMINATED',
    ]);
    expect(statusOf('executed', '2026-11-23')).toBe('EXPIRED');
    expect(statusOf('executed', null)).toBe('ACTIVE');
    expect(() => statusOf('suspended')).toThrow(ContractMappingError);
  });

  it('reads dirty payloads: numeric prices, padding, upper case, timestamps for dates, evergreen, no vendor number', () => {
    const dirty = {
      ...amendedContract,
      status: 'EXECUTED',
      effective_date: '2025-01-01T00:00:00Z',
      expiration_date: null,
      currency: 'usd',
      version: '3',
      counterparty: { name: 'Midwest Medical Supply LLC', vendor_number: null },
      price_terms: [{ item_number: ' GLV-NIT-100 ', description: null, unit_price: 8.2, uom: 'BX ' }],
    };
    expect(fromRepositoryContract(dirty, now)).toMatchObject({
      status: 'ACTIVE',
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
      currency: 'USD',
      version: 3,
      vendorNumber: null,
      priceTerms: [{ itemNumber: 'GLV-NIT-100', unitPrice: '8.2', unitOfMeasure: 'BX' }],
    });
  });

  it('refuses negative or malformed prices', () => {
    const withPrice = (unit_price: unknown) => ({ ...amendedContract, price_terms: [{ item_number: 'A', unit_price, uom: 'EA' }] });
    expect(() => fromRepositoryContract(withPrice('-1.00'), now)).toThrow(ContractResourceError);
    expect(() => fromRepositoryContract(withPrice('8,25'), now)).toThrow(ContractResourceError);
  });
});

describe('the change feed', () => {
  it('reads a page of changes, keeping unreadable contracts as problems instead of failing the page', () => {
    const page = readChangePage({
      changes: [
        {
          change_id: 'chg_01',
          sequence: 7,
          change_type: 'contract.amended',
          contract_id: 'CLM-00000042',
          version: 2,
          occurred_at: '2026-05-20T10:00:00.000Z',
          contract: amendedContract,
        },
        {
          change_id: 'chg_02',
          sequence: 8,
          change_type: 'contract.created',
          contract_id: 'CLM-00000043',
          version: 1,
          occurred_at: '2026-05-21T10:00:00.000Z',
          contract: { id: 'CLM-00000043' },
        },
      ],
      next_since: '8',
      has_more: false,
    });
    expect(page.nextSince).toBe('8');
    expect(page.changes[0]).toMatchObject({
      changeId: 'chg_01',
      sequence: 7,
      changeType: 'contract.amended',
      problem: null,
      contract: { version: 2 },
    });
    expect(page.changes[1]).toMatchObject({ changeId: 'chg_02', contract: null, problem: expect.stringContaining('Unreadable') });
    expect(fromRepositoryChange(page.changes[1]!, now)).toEqual({
      changeId: 'chg_02',
      occurredAt: new Date('2026-05-21T10:00:00.000Z'),
      contract: null,
      problem: page.changes[1]!.problem,
    });
  });

  it('keeps a contract in a status the canonical model has no name for as a problem', () => {
    const [change] = readChangePage({
      changes: [
        {
          change_id: 'chg_03',
          sequence: 9,
          change_type: 'contract.amended',
          occurred_at: '2026-05-22T10:00:00.000Z',
          contract: { ...amendedContract, status: 'suspended' },
        },
      ],
    }).changes;
    expect(fromRepositoryChange(change!, now)).toMatchObject({
      changeId: 'chg_03',
      contract: null,
      problem: 'Unknown contract status suspended',
    });
  });
});
