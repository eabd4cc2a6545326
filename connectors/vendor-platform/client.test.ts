import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVendorPlatform } from '@procuregraph/vendor-platform';
import { signWebhook } from '@procuregraph/platform/inbound';
import { RemoteHttpError } from '@procuregraph/platform/resilience';
import { describeProblem, vendorPlatformClient, type VendorPlatformClient } from './client.ts';
import { vendorEventTypes, vendorPlatformWebhooks } from './events.ts';
import { readRegistrationEvent, type RegistrationCreate } from './resources.ts';

const SECRET = 'whsec-connector-test';
let platform: Awaited<ReturnType<typeof startVendorPlatform>>;
let client: VendorPlatformClient;

beforeAll(async () => {
  platform = await startVendorPlatform({ port: 0, webhookSecret: SECRET });
  client = vendorPlatformClient(platform.url);
});
afterAll(() => platform.close());

const registration: RegistrationCreate = {
  legalName: 'Great Lakes Infusion Supply LLC',
  dbaName: null,
  tin: '38-4440001',
  tinType: 'ein',
  taxClassification: 'llc',
  address: { street1: '1 Woodward Ave', street2: 'Suite 300', city: 'Detroit', state: 'MI', zip: '48226', country: 'US' },
  contact: { fullName: 'Sam Patel', email: 'sam@greatlakes.example', phone: '+13135550199' },
  bank: { routingNumber: '072000326', accountNumber: '9988776655', accountType: 'savings' },
  insurance: [
    {
      kind: 'general_liability',
      insurer: 'Chubb',
      policyNumber: 'GL-1',
      coverageLimit: { value: '2000000.00', currency: 'USD' },
      expirationDate: '2027-09-30',
    },
  ],
};

describe('the vendor platform client against the reference platform', () => {
  it('creates a registration once per key, reads it in full, and decides it', async () => {
    const id = await client.createRegistration(registration, 'enroll-great-lakes');
    expect(await client.createRegistration(registration, 'enroll-great-lakes')).toBe(id);
    expect(await client.getRegistration(id)).toMatchObject({
      id,
      status: 'submitted',
      legalName: 'Great Lakes Infusion Supply LLC',
      tin: '38-4440001',
      bank: { accountNumber: '9988776655' },
    });
    await client.approveRegistration(id);
    await client.linkErpSupplier(id, { supplierNumber: '1252', supplierId: '300000047414571' });
    expect(await client.getRegistration(id)).toMatchObject({ status: 'approved' });
  });

  it('reports problem details with their code', async () => {
    const missing = await client.getRegistration('reg_missing').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(RemoteHttpError);
    expect((missing as RemoteHttpError).status).toBe(404);
    expect((missing as RemoteHttpError).message).toMatch(/→ 404: not_found: /);
  });

  it('reads the event feed in one envelope, and from a cursor on', async () => {
    const first = await client.eventsAfter(null);
    expect(first.items.map((event) => event.type)).toEqual([vendorEventTypes.registrationSubmitted, vendorEventTypes.registrationApproved]);
    expect(readRegistrationEvent(first.items[0]!.data)).toEqual({ registrationId: expect.stringMatching(/^reg_/), reviewNote: null });
    expect(first.cursor).not.toBeNull();
    expect(await client.eventsAfter(first.cursor)).toEqual({ items: [], cursor: first.cursor });
  });
});

describe('webhooks', () => {
  const body = JSON.stringify({
    id: 'evt_0001',
    type: 'invoice.submitted',
    createdAt: '2026-11-21T10:00:00.000Z',
    data: { invoice: { id: 'vinv_1' } },
  });
  const now = Math.floor(Date.now() / 1000);
  const source = vendorPlatformWebhooks(SECRET);

  it('reads a signed delivery as an event, and nothing else', () => {
    const signed = { 'webhook-timestamp': String(now), 'webhook-signature': signWebhook(SECRET, now, body) };
    expect(source.system).toBe('vendor-platform');
    expect(source.verify({ headers: signed, rawBody: Buffer.from(body) })).toEqual({
      ok: true,
      timestamp: now,
      body: { id: 'evt_0001', type: 'invoice.submitted', createdAt: '2026-11-21T10:00:00.000Z', data: { invoice: { id: 'vinv_1' } } },
    });
    expect(source.verify({ headers: { ...signed, 'webhook-signature': signWebhook('another', now, body) }, rawBody: body })).toMatchObject({
      ok: false,
      status: 401,
      reason: 'INVALID_SIGNATURE',
    });
    const notAnEvent = JSON.stringify({ id: 'evt_0002' });
    expect(
      source.verify({
        headers: { 'webhook-timestamp': String(now), 'webhook-signature': signWebhook(SECRET, now, notAnEvent) },
        rawBody: notAnEvent,
      }),
    ).toMatchObject({
      ok: false,
      status: 400,
      reason: 'MALFORMED_BODY',
    });
  });
});

describe('problem details', () => {
  it('names the code and the detail, and keeps a proxy page as text', () => {
    expect(
      describeProblem({
        type: 'https://vendor-platform.invalid/problems/invalid_state',
        title: 'Conflict',
        status: 409,
        detail: 'The registration reg_1 is already approved.',
        code: 'invalid_state',
      }),
    ).toBe('invalid_state: The registration reg_1 is already approved.');
    expect(describeProblem('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
  });
});
