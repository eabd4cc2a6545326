import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, tinyWorld, tinyWorldIds, startWebhookReceiver } from '@procuregraph/reference-http/testing';
import type { RunningSystem } from '@procuregraph/reference-http';
import { startVendorPlatform } from './server.ts';

const SECRET = 'whsec-test-procuregraph';

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const registration = {
  legalName: 'Northwind Surgical LLC',
  dbaName: 'Northwind',
  tin: '12-3456780',
  taxClassification: 'llc',
  address: { street1: '9 Harbor Rd', city: 'Portland', state: 'ME', zip: '04101' },
  contact: { fullName: 'Sam Lee', email: 'sam@northwind.example' },
  bank: { routingNumber: '011000015', accountNumber: '4455667788', accountType: 'checking' },
  insurance: [
    {
      kind: 'general_liability',
      insurer: 'Harbor Mutual',
      policyNumber: 'GL-77',
      coverageLimit: { value: '1000000', currency: 'USD' },
      expirationDate: '2030-01-31',
    },
  ],
  diversity: [{ type: 'wbe', certifyingAgency: 'WBENC', certificateNumber: 'W-1' }],
};

describe('vendor platform', () => {
  let platform: RunningSystem;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const acme = tinyWorldIds.activeSupplier.vendorPlatform.registrationId;

  beforeAll(async () => {
    // The receiver refuses the first two deliveries, so the first event needs three attempts.
    receiver = await startWebhookReceiver((index) => (index < 2 ? 503 : 204));
    platform = await startVendorPlatform({
      port: 0,
      world: tinyWorld(),
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
      webhookRetryDelaysMs: [20, 40, 80],
    });
  });
  afterAll(async () => {
    await platform.close();
    await receiver.close();
  });

  it('signs each webhook and retries until exactly one delivery is accepted', async () => {
    const created = await call(`${platform.url}/api/v1/registrations`, { body: registration });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^reg_[0-9a-f]{20}$/);
    await waitFor(() => receiver.received.some((delivery) => delivery.answeredWith === 204));

    const deliveries = receiver.received;
    expect(deliveries.map((delivery) => delivery.answeredWith)).toEqual([503, 503, 204]);
    const ids = new Set(deliveries.map((delivery) => delivery.headers['webhook-id']));
    expect(ids.size).toBe(1);
    for (const delivery of deliveries) {
      const timestamp = String(delivery.headers['webhook-timestamp']);
      expect(timestamp).toMatch(/^\d{10}$/);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected = Buffer.from(`v1=${createHmac('sha256', SECRET).update(`${timestamp}.${delivery.body}`).digest('hex')}`);
      const signature = Buffer.from(String(delivery.headers['webhook-signature']));
      expect(signature.length === expected.length && timingSafeEqual(signature, expected)).toBe(true);
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    const event = JSON.parse(deliveries[2]!.body);
    expect(event).toMatchObject({
      id: deliveries[2]!.headers['webhook-id'],
      type: 'registration.submitted',
      data: { registration: { id: created.body.id, tinLast4: '6780' } },
    });
    expect(event.createdAt).toMatch(/Z$/);
    expect(deliveries[2]!.body).not.toContain('4455667788');
    expect(deliveries[2]!.body).not.toContain('3456780');

    const log = await call(`${platform.url}/admin/webhook-deliveries`);
    expect(log.body.data[0]).toMatchObject({ state: 'delivered', eventId: event.id });
    expect(log.body.data[0].attempts).toHaveLength(3);
  });

  it('approves a registration, keeps the ERP reference, and gives the integration the full record', async () => {
    const created = (await call(`${platform.url}/api/v1/registrations`, { body: { ...registration, legalName: 'Second Supplier Inc' } }))
      .body;
    const approved = await call(`${platform.url}/api/v1/registrations/${created.id}/approve`, { method: 'POST' });
    expect(approved.body).toMatchObject({ status: 'approved' });
    expect((await call(`${platform.url}/api/v1/registrations/${created.id}/reject`, { body: { note: 'late' } })).status).toBe(409);
    const linked = await call(`${platform.url}/api/v1/registrations/${created.id}/erp-reference`, {
      method: 'PUT',
      body: { supplierNumber: '50001', supplierId: 300000001000001 },
    });
    expect(linked.body.erpReference).toMatchObject({ supplierNumber: '50001', supplierId: '300000001000001' });
    const full = await call(`${platform.url}/api/v1/registrations/${created.id}`);
    expect(full.body).toMatchObject({ tin: '12-3456780', bank: { accountNumber: '4455667788' } });
    const listed = await call(`${platform.url}/api/v1/registrations?status=approved&limit=200`);
    expect(JSON.stringify(listed.body)).not.toContain('4455667788');
    const invalid = await call(`${platform.url}/api/v1/registrations`, {
      body: { ...registration, tin: '12345', contact: { fullName: 'X', email: 'not-an-email' } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    expect(invalid.body.detail).toContain('tin');
    expect(invalid.body.detail).toContain('contact.email');
  });

  it('upserts published purchase orders idempotently and records the supplier’s acknowledgement', async () => {
    const order = {
      registrationId: acme,
      poNumber: 'PO-2024-0900',
      orderDate: '2024-05-01',
      lines: [{ lineNo: 1, sku: 'GLV-100', description: 'Gloves', qty: '3', uom: 'BX', unitPrice: { value: '8.50', currency: 'USD' } }],
    };
    const url = `${platform.url}/api/v1/portal/purchase-orders/po-canonical-900`;
    const first = await call(url, { method: 'PUT', body: order });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ revision: 1, total: { value: '25.50', currency: 'USD' }, acknowledgement: { status: 'pending' } });
    const again = await call(url, { method: 'PUT', body: order });
    expect(again.status).toBe(200);
    expect(again.body.revision).toBe(1);

    const acknowledged = await call(`${url}/acknowledge`, { body: { response: 'accepted' } });
    expect(acknowledged.body.acknowledgement.status).toBe('accepted');
    const changed = await call(url, { method: 'PUT', body: { ...order, lines: [{ ...order.lines[0], qty: '4' }] } });
    expect(changed.body).toMatchObject({ revision: 2, acknowledgement: { status: 'pending' } });

    const pending = await call(url, {
      method: 'PUT',
      body: { ...order, registrationId: tinyWorldIds.pendingSupplier.vendorPlatform.registrationId },
    });
    expect(pending.status).toBe(422);
    expect(pending.body.code).toBe('registration_not_approved');
    const seeded = await call(`${platform.url}/api/v1/portal/purchase-orders?registrationId=${acme}`);
    expect(seeded.body.data.map((item: { externalId: string }) => item.externalId)).toEqual([
      tinyWorldIds.purchaseOrder.id,
      'po-canonical-900',
    ]);
  });

  it('takes supplier invoices (once per Idempotency-Key) and shows payment status per supplier', async () => {
    const invoice = {
      registrationId: acme,
      invoiceNumber: 'ACME-7001',
      invoiceDate: '2024-05-03',
      purchaseOrderExternalId: 'po-canonical-900',
      lines: [{ poLineNo: 1, sku: 'GLV-100', qty: '4', unitPrice: { value: '8.50', currency: 'USD' } }],
    };
    const headers = { 'Idempotency-Key': 'portal-invoice-7001' };
    const first = await call(`${platform.url}/api/v1/portal/invoices`, { body: invoice, headers });
    const retry = await call(`${platform.url}/api/v1/portal/invoices`, { body: invoice, headers });
    expect(first.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(first.body).toMatchObject({
      id: expect.stringMatching(/^vinv_/),
      poNumber: 'PO-2024-0900',
      total: { value: '34.00', currency: 'USD' },
      status: 'submitted',
    });
    const invoices = await call(`${platform.url}/api/v1/portal/invoices?registrationId=${acme}`);
    expect(invoices.body.data).toHaveLength(1);

    const paymentUrl = `${platform.url}/api/v1/portal/payments/pay-canonical-1`;
    const payment = {
      registrationId: acme,
      invoiceNumber: 'ACME-7001',
      paymentNumber: '900001',
      amount: { value: '34', currency: 'USD' },
      method: 'ach',
      status: 'scheduled',
    };
    expect((await call(paymentUrl, { method: 'PUT', body: payment })).status).toBe(201);
    expect((await call(paymentUrl, { method: 'PUT', body: payment })).status).toBe(200);
    await call(paymentUrl, { method: 'PUT', body: { ...payment, status: 'sent' } });
    const seen = await call(`${platform.url}/api/v1/portal/payments?registrationId=${acme}`);
    const mine = seen.body.data.find((item: { externalId: string }) => item.externalId === 'pay-canonical-1');
    expect(mine).toMatchObject({ status: 'sent', amount: { value: '34.00', currency: 'USD' } });
    expect(mine.statusHistory.map((entry: { status: string }) => entry.status)).toEqual(['scheduled', 'sent']);
    expect(seen.body.data.map((item: { externalId: string }) => item.externalId)).toContain(tinyWorldIds.payment.id);
  });

  it('serves every webhook event in the feed, in order, with a cursor to resume from', async () => {
    const all = await call(`${platform.url}/api/v1/events?limit=200`);
    expect(all.body.data.map((event: { type: string }) => event.type)).toEqual([
      'registration.submitted',
      'registration.submitted',
      'registration.approved',
      'purchase_order.acknowledged',
      'invoice.submitted',
    ]);
    const firstTwo = await call(`${platform.url}/api/v1/events?limit=2`);
    expect(firstTwo.body.hasMore).toBe(true);
    const rest = await call(`${platform.url}/api/v1/events?after=${firstTwo.body.nextCursor}`);
    expect(rest.body.data.map((event: { id: string }) => event.id)).toEqual(
      all.body.data.slice(2).map((event: { id: string }) => event.id),
    );
    const caughtUp = await call(`${platform.url}/api/v1/events?after=${all.body.nextCursor}`);
    expect(caughtUp.body).toMatchObject({ data: [], hasMore: false, nextCursor: all.body.nextCursor });
    expect((await call(`${platform.url}/api/v1/events?after=bogus`)).status).toBe(400);

    await waitFor(() => receiver.received.filter((delivery) => delivery.answeredWith === 204).length === all.body.data.length);
    const delivered = new Set(
      receiver.received.filter((delivery) => delivery.answeredWith === 204).map((delivery) => delivery.headers['webhook-id']),
    );
    expect(delivered).toEqual(new Set(all.body.data.map((event: { id: string }) => event.id)));
  });
});

describe('vendor platform webhooks that keep failing', () => {
  it('stops after the configured attempts and leaves the event in the feed', async () => {
    const receiver = await startWebhookReceiver(() => 500);
    const platform = await startVendorPlatform({ port: 0, webhookUrl: receiver.url, webhookSecret: SECRET, webhookRetryDelaysMs: [5, 5] });
    try {
      await call(`${platform.url}/api/v1/registrations`, { body: registration });
      await waitFor(() => receiver.received.length === 3);
      const log = await call(`${platform.url}/admin/webhook-deliveries`);
      await waitFor(() => log.body.data[0].state !== 'pending');
      const settled = await call(`${platform.url}/admin/webhook-deliveries`);
      expect(settled.body.data[0]).toMatchObject({ state: 'failed' });
      expect(settled.body.data[0].attempts.map((attempt: { status: number }) => attempt.status)).toEqual([500, 500, 500]);
      // A failed delivery is final: no attempt is scheduled after it.
      expect(receiver.received).toHaveLength(3);
      expect((await call(`${platform.url}/api/v1/events`)).body.data).toHaveLength(1);
    } finally {
      await platform.close();
      await receiver.close();
    }
  });
});
