import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractRepository } from '@procuregraph/contract-repository';
import { contractRepositoryClient, describeRepositoryError, type ContractRepositoryClient } from './client.ts';

let repository: Awaited<ReturnType<typeof startContractRepository>>;
let client: ContractRepositoryClient;

beforeAll(async () => {
  repository = await startContractRepository({ port: 0 });
  client = contractRepositoryClient(repository.url);
});
afterAll(() => repository.close());

async function createContract(number: string): Promise<void> {
  const response = await fetch(`${repository.url}/api/contracts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      contract_number: number,
      title: `Agreement ${number}`,
      counterparty: { name: 'Brightline Lab Services LLC', vendor_number: '10002' },
      effective_date: '2024-01-01',
      expiration_date: '2099-12-31',
      price_terms: [{ item_number: 'LAB-1', unit_price: '12.00', uom: 'EA' }],
    }),
  });
  expect(response.status).toBe(201);
}

describe('the contract repository client against the reference repository', () => {
  it('reads the changes with their contracts, and from a cursor on', async () => {
    await createContract('GPO-2026-0001');
    await createContract('GPO-2026-0002');
    const page = await client.changesSince(null);
    expect(page.changes.map((change) => [change.changeType, change.contract?.contract_number])).toEqual([
      ['contract.created', 'GPO-2026-0001'],
      ['contract.created', 'GPO-2026-0002'],
    ]);
    expect(page.changes[0]!.contract).toMatchObject({
      counterparty: { vendor_number: '10002' },
      version: 1,
      currency: 'USD',
      price_terms: [{ item_number: 'LAB-1', unit_price: '12', uom: 'EA' }],
    });
    expect(page.changes[0]!.problem).toBeNull();
    expect(page.nextSince).toBe(String(page.changes[1]!.sequence));
    expect(
      (await client.changesSince(String(page.changes[0]!.sequence))).changes.map((change) => change.contract?.contract_number),
    ).toEqual(['GPO-2026-0002']);
  });
});

describe('repository error bodies', () => {
  it('names the code and the message, and keeps a proxy page as text', () => {
    expect(describeRepositoryError({ error: { code: 'contract_not_found', message: 'No contract CLM-9.' } })).toBe(
      'contract_not_found: No contract CLM-9.',
    );
    expect(describeRepositoryError('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
  });
});
