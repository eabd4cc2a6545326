import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startErp } from '@procuregraph/erp';
import { RemoteHttpError } from '@procuregraph/platform/resilience';
import { describeFusionError, erpClient, type ErpClient } from './client.ts';
import type { SupplierSetup } from './resources.ts';

let erp: Awaited<ReturnType<typeof startErp>>;
let client: ErpClient;

beforeAll(async () => {
  erp = await startErp({ port: 0 });
  client = erpClient(`${erp.url}/`);
});
afterAll(() => erp.close());

const setup = (name: string, taxpayerId: string): SupplierSetup => ({
  supplier: {
    Supplier: name,
    AlternateName: null,
    TaxOrganizationTypeCode: 'CORPORATION',
    BusinessRelationshipCode: 'SPEND_AUTHORIZED',
    TaxpayerId: taxpayerId,
    TaxpayerCountryCode: 'US',
  },
  address: {
    AddressName: 'MAIN',
    CountryCode: 'US',
    AddressLine1: '7000 Cardinal Place',
    AddressLine2: null,
    City: 'Dublin',
    State: 'OH',
    PostalCode: '43017',
  },
  site: { SupplierSite: 'DUBLIN', ProcurementBU: 'Health Network BU', PaymentMethodCode: 'EFT' },
  bankAccount: { BankAccountNumber: '4410029931', BankBranchNumber: '011000015', AccountType: 'CHECKING' },
});

describe('the ERP client against the reference ERP', () => {
  it('sets up a supplier in four idempotent steps and reads it back', async () => {
    const ids = await client.setUpSupplier(setup('Cardinal Surgical Supply Inc.', '311234567'), 'onboard-cardinal');
    expect(ids).toEqual({
      supplierId: expect.stringMatching(/^\d+$/),
      supplierNumber: expect.any(String),
      partyId: expect.stringMatching(/^\d+$/),
      addressId: expect.stringMatching(/^\d+$/),
      siteId: expect.stringMatching(/^\d+$/),
      bankAccountId: expect.stringMatching(/^\d+$/),
    });
    // The same key replays every step: the same supplier, nothing created twice.
    expect(await client.setUpSupplier(setup('Cardinal Surgical Supply Inc.', '311234567'), 'onboard-cardinal')).toEqual(ids);

    const supplier = await client.getSupplier(ids.supplierId);
    expect(supplier).toMatchObject({
      SupplierId: ids.supplierId,
      Supplier: 'Cardinal Surgical Supply Inc.',
      TaxpayerId: '311234567',
      Status: 'ACTIVE',
      BusinessRelationshipCode: 'SPEND_AUTHORIZED',
    });
    expect(supplier.addresses?.items).toEqual([
      expect.objectContaining({ AddressLine1: '7000 Cardinal Place', City: 'Dublin', State: 'OH' }),
    ]);
  });

  it("turns Fusion's error body into a RemoteHttpError that names its code", async () => {
    const refused = await client
      .setUpSupplier(setup('Bad Tin Medical LLC', '31-123456'), 'onboard-bad-tin')
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RemoteHttpError);
    expect((refused as RemoteHttpError).status).toBe(400);
    expect((refused as RemoteHttpError).message).toMatch(/→ 400: POZ-TAXPAYER-ID-INVALID: The taxpayer ID "31-123456" is not valid/);
  });

  it('reads the business events a page at a time, from a sequence', async () => {
    const first = await client.businessEventsAfter(0);
    expect(first.items.length).toBeGreaterThan(0);
    expect(first.items[0]).toMatchObject({
      eventType: 'SupplierCreated',
      sequence: 1,
      eventId: expect.any(String),
      resourceId: expect.stringMatching(/^\d+$/),
    });
    expect(first.items[0]!.occurredAt).toBeInstanceOf(Date);
    const sequences = first.items.map((event) => event.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    const rest = await client.businessEventsAfter(first.items[0]!.sequence);
    expect(rest.items.map((event) => event.sequence)).toEqual(sequences.slice(1));
    expect((await client.businessEventsAfter(sequences.at(-1)!)).items).toEqual([]);
  });
});

describe('Fusion error bodies', () => {
  it('names the first detail and its code, and keeps a proxy page as text', () => {
    expect(
      describeFusionError({
        title: 'Bad Request',
        status: 400,
        detail: 'The request could not be processed.',
        'o:errorCode': 'POZ-REQUEST-INVALID',
        'o:errorDetails': [{ detail: 'The taxpayer ID must be exactly 9 digits.', 'o:errorCode': 'POZ-TAXPAYER-ID-INVALID' }],
      }),
    ).toBe('POZ-TAXPAYER-ID-INVALID: The taxpayer ID must be exactly 9 digits.');
    expect(describeFusionError({ title: 'Not Found', detail: 'No supplier 42.', 'o:errorCode': 'POZ-NOT-FOUND' })).toBe(
      'POZ-NOT-FOUND: No supplier 42.',
    );
    expect(describeFusionError('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
    expect(describeFusionError(null)).toBe('no error details');
  });
});
