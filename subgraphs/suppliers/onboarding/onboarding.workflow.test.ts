import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile, copyFile, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import postgres from 'postgres';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeDatabaseClient,
  executeSql,
  openDatabaseClient,
  type DatabaseClient,
  createServiceDatabase,
  type Database,
} from '@procuregraph/platform/db';
import { createFieldCipher } from '@procuregraph/platform/crypto';
import { startSubgraphWorkers, type RunningWorkers } from '@procuregraph/platform/subgraph';
import { readEnvironment } from '@procuregraph/platform/config';
import { BackingSystemPolicies } from '@procuregraph/platform/resilience';
import { signWebhook, webhookRouter } from '@procuregraph/platform/inbound';
import { createLogger } from '@procuregraph/platform/logging';
import { ERP_BASE_PATH } from '@procuregraph/connector-erp';
import { startErp } from '@procuregraph/erp';
import { startVendorPlatform } from '@procuregraph/vendor-platform';
import { migrationsFolder } from '../service.ts';
import { createSuppliersWorkers } from '../workers.ts';
import { suppliersWebhooks } from '../webhooks.ts';
import { externalReferences, inboundEvents, outbox, suppliers, syncStatus, type SupplierRow } from '../db/tables.ts';
import { supplierOfRegistration } from '../supplier/external-references.ts';
import { bundledLeieFile, createExclusionScreening } from '../screening/exclusion-screening.ts';
import { reloadAndRescreen } from '../screening/rescreen.ts';
import { openHolds } from '../compliance/holds.ts';
import { onboardSupplier, type OnboardingDependencies } from './onboard.ts';
import { approveSupplier, rejectSupplier } from './review.ts';
import { addInsuranceCertificate, checkInsurance } from './insurance-review.ts';
import { validInput } from './test-registrations.ts';
import type { OnboardingInput } from '../supplier/registration.ts';

const SECRET = 'whsec_test_onboarding';
const cipher = createFieldCipher(randomBytes(32));
const logger = createLogger('suppliers');

let directory: string;
let leieFile: string;
let client: DatabaseClient;
let db: Database;
let dropDatabase: () => Promise<void> = async () => {};
let erp: { url: string; close(): Promise<void> };
let platform: { url: string; close(): Promise<void> };
let workers: RunningWorkers;
let webhookServer: Server;
let webhookUrl: string;
let deps: OnboardingDependencies;

/** A fresh database on the server named by DATABASE_URL, or in-memory PGlite when it is unset. */
async function freshClient(): Promise<DatabaseClient> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabaseClient({});
  const name = `onboarding_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  dropDatabase = async () => {
    const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists ${name} with (force)`);
    await cleanup.end();
  };
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDatabaseClient({ url: url.toString() });
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'onboarding-'));
  leieFile = join(directory, 'UPDATED.csv');
  await copyFile(bundledLeieFile, leieFile);
  client = await freshClient();
  const service = createServiceDatabase(client, 'suppliers');
  await service.migrate(migrationsFolder);
  db = service.db;
  erp = await startErp({ port: 0 });
  platform = await startVendorPlatform({ port: 0, webhookSecret: SECRET });
  const systems = {
    erpUrl: erp.url,
    vendorPlatformUrl: platform.url,
    contractRepositoryUrl: 'http://127.0.0.1:9',
    vendorPlatformWebhookSecret: SECRET,
  };
  // One set for the workers and the webhooks, as a process assembles them.
  const policies = new BackingSystemPolicies();
  workers = await startSubgraphWorkers(
    // The webhooks are delivered by hand here; the feed that would catch them up is read once, at start.
    createSuppliersWorkers({
      retry: { limit: 20, delaySeconds: 1 },
      insuranceCheckIntervalMs: 60 * 60 * 1000,
      feedIntervalMs: 60 * 60 * 1000,
    }),
    {
      service: 'suppliers',
      client,
      db,
      systems,
      environment: readEnvironment({}),
      policies,
      cipher,
      logger,
    },
  );
  const app = express();
  app.use(
    webhookRouter(
      suppliersWebhooks({
        db,
        cipher,
        systems,
        logger,
        environment: { SCREENING_LEIE_FILE: leieFile },
        policy: policies.for('VENDOR_PLATFORM'),
      }),
      logger,
    ),
  );
  webhookServer = await new Promise<Server>((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
  const address = webhookServer.address();
  webhookUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/webhooks/vendor-platform`;
  deps = { db, cipher, screening: createExclusionScreening(leieFile), now: () => new Date('2026-11-24T12:00:00Z') };
});

afterAll(async () => {
  await workers?.stop();
  await new Promise((resolve) => webhookServer?.close(resolve));
  await erp?.close();
  await platform?.close();
  await closeDatabaseClient(client);
  await dropDatabase();
  await rm(directory, { recursive: true, force: true });
});

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function supplier(id: string): Promise<SupplierRow> {
  const [row] = await db.select().from(suppliers).where(eq(suppliers.id, id));
  return row!;
}

async function supplierCount(): Promise<number> {
  const [row] = await executeSql<{ count: string }>(client, 'select count(*) as count from suppliers.suppliers');
  return Number(row!.count);
}

async function statusEvents(id: string): Promise<Array<{ previousStatus: string | null; status: string }>> {
  const rows = await db.select().from(outbox).where(eq(outbox.aggregateId, id)).orderBy(outbox.position);
  return rows
    .filter((row) => row.topic === 'supplier.status_changed')
    .map((row) => ({ previousStatus: (row.payload.previousStatus as string | null) ?? null, status: row.payload.status as string }));
}

/** A valid registration with its own EIN, name and address, so tests do not collide. */
function registration(index: number, changes: Partial<OnboardingInput> = {}): OnboardingInput {
  const base = validInput();
  return {
    ...base,
    legalName: `Buckeye Surgical Supply ${index} Inc`,
    taxId: `31-55500${String(index).padStart(2, '0')}`,
    address: { ...base.address!, line1: `${100 + index} High St` },
    // The ERP refuses a second supplier with the same bank account, as a real one does.
    bankAccount: { ...base.bankAccount!, accountNumber: `44100299${String(index).padStart(2, '0')}` },
    ...changes,
  };
}

async function onboard(index: number, changes: Partial<OnboardingInput> = {}, idempotencyKey?: string) {
  return onboardSupplier(deps, { input: registration(index, changes), idempotencyKey });
}

/** An ERP resource; `Body` is the shape the test reads from it. */
async function erpJson<Body>(path: string): Promise<Body> {
  return (await (await fetch(`${erp.url}${ERP_BASE_PATH}${path}`)).json()) as Body;
}

describe('onboarding through the workflow', () => {
  it('records a valid registration PENDING_APPROVAL, normalized, with its first status event', async () => {
    const result = await onboard(1);
    expect(result.userErrors).toEqual([]);
    const row = result.supplier!;
    expect(row).toMatchObject({
      status: 'PENDING_APPROVAL',
      legalName: 'Buckeye Surgical Supply 1 Inc.',
      taxIdLast4: '0001',
      screeningStatus: 'CLEAR',
      insuranceStatus: 'VALID',
    });
    expect(row.supplierNumber).toMatch(/^SUP-\d{7}$/);
    expect(row.contact).toEqual({ name: 'Dana Ortiz', email: 'dana.ortiz@cardinalsurgical.example', phone: '+16145550142' });
    expect(row.submitted).toMatchObject({
      legalName: 'Buckeye Surgical Supply 1 Inc',
      taxId: '*****0001',
      bankAccount: { accountNumber: '******9901' },
    });
    expect(await statusEvents(row.id)).toEqual([{ previousStatus: null, status: 'PENDING_APPROVAL' }]);
  });

  it('keeps the TIN and account number encrypted: the raw table holds neither', async () => {
    const rows = await executeSql<{ text: string }>(client, 'select t::text as text from suppliers.suppliers t');
    const text = rows.map((row) => row.text).join('\n');
    expect(text).not.toContain('315550001');
    expect(text).not.toContain('31-5550001');
    expect(text).not.toContain('4410029901');
    expect(text).toContain('0001');
  });

  it('writes nothing for an invalid registration and reports every problem', async () => {
    const before = await supplierCount();
    const result = await onboard(2, {
      taxId: '07-1234567',
      bankAccount: { routingNumber: '011000016', accountNumber: '12345678', accountType: 'CHECKING' },
    });
    expect(result.supplier).toBeNull();
    expect(result.userErrors.map((error) => error.code)).toEqual(['INVALID_TAX_ID', 'INVALID_ROUTING_NUMBER']);
    expect(await supplierCount()).toBe(before);
  });

  it('honours idempotency keys', async () => {
    const first = await onboard(3, {}, 'key-3');
    const again = await onboardSupplier(deps, {
      input: { ...registration(3), legalName: '  BUCKEYE SURGICAL SUPPLY 3, INCORPORATED ' },
      idempotencyKey: 'key-3',
    });
    expect(again.userErrors).toEqual([]);
    expect(again.supplier!.id).toBe(first.supplier!.id);
    const count = await supplierCount();
    const reused = await onboard(4, {}, 'key-3');
    expect(reused.userErrors.map((error) => error.code)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(await supplierCount()).toBe(count);
  });

  it('refuses duplicates by TIN, by bank account and by name and address, naming no supplier', async () => {
    const existing = await supplier((await onboard(5)).supplier!.id);
    const sameTin = await onboard(6, { taxId: '315550005' });
    expect(sameTin.userErrors).toEqual([
      { code: 'DUPLICATE_SUPPLIER', field: ['input', 'taxId'], message: 'A supplier with the same tax id is already registered' },
    ]);
    expect(sameTin.userErrors[0]!.message).not.toContain(existing.supplierNumber);
    expect(sameTin.userErrors[0]!.message).not.toContain(existing.id);
    const sameName = await onboard(7, {
      legalName: 'Buckeye Surgical Supply 5 Corporation',
      address: { ...registration(5).address!, line1: '105  High St.' },
    });
    expect(sameName.userErrors[0]).toMatchObject({ code: 'DUPLICATE_SUPPLIER', field: ['input', 'legalName'] });
    const before = await supplierCount();
    const sameAccount = await onboard(40, { bankAccount: registration(5).bankAccount });
    expect(sameAccount.userErrors).toEqual([
      {
        field: ['input', 'bankAccount', 'accountNumber'],
        code: 'DUPLICATE_SUPPLIER',
        message: 'A supplier with the same bank account is already registered',
      },
    ]);
    expect(await supplierCount()).toBe(before);
    // The same account number at another bank is another account.
    const otherBank = await onboard(41, { bankAccount: { ...registration(5).bankAccount!, routingNumber: '021000021' } });
    expect(otherBank.userErrors).toEqual([]);
  });

  it('refuses an excluded party and holds a possible one', async () => {
    const before = await supplierCount();
    const excluded = await onboard(8, {
      legalName: 'Columbus Surgical Supply Company',
      address: { ...registration(8).address!, region: 'OH' },
    });
    expect(excluded.userErrors.map((error) => error.code)).toEqual(['EXCLUDED_PARTY']);
    expect(await supplierCount()).toBe(before);
    const possible = await onboard(9, { legalName: 'Keystone Clinical Laboratories of Ohio' });
    expect(possible.supplier).toMatchObject({
      status: 'ON_HOLD',
      screeningStatus: 'POTENTIAL_MATCH',
      statusBeforeHold: 'PENDING_APPROVAL',
    });
    expect(await openHolds(db, possible.supplier!.id)).toEqual(['SCREENING']);
    expect((await approveSupplier(db, possible.supplier!.id)).userErrors.map((error) => error.code)).toEqual(['SCREENING_HOLD']);
    expect(possible.supplier!.screeningMatch).toContain('KEYSTONE CLINICAL LABORATORIES');
  });

  it('rejects a pending supplier with its reason', async () => {
    const created = (await onboard(10)).supplier!;
    const result = await rejectSupplier(db, created.id, 'Not on the approved category list');
    expect(result.supplier).toMatchObject({ status: 'REJECTED', rejectionReason: 'Not on the approved category list' });
    expect((await approveSupplier(db, created.id)).userErrors[0]!.code).toBe('INVALID_STATUS');
  });
});

describe('approval and the ERP', () => {
  it('approves, sets the supplier up in the ERP and activates it', async () => {
    const created = (await onboard(20)).supplier!;
    const approved = await approveSupplier(db, created.id);
    expect(approved.supplier!.status).toBe('APPROVED');
    const active = await eventually(
      () => supplier(created.id),
      (row) => row.status === 'ACTIVE',
    );
    expect(active.erpLinks).toMatchObject({
      supplierId: expect.any(String),
      siteId: expect.any(String),
      bankAccountId: expect.any(String),
    });
    const [reference] = await db.select().from(externalReferences).where(eq(externalReferences.supplierId, created.id));
    expect(reference).toMatchObject({ system: 'ERP', externalId: active.erpLinks!.supplierId });
    const inErp = await erpJson<{ sites: { items: Record<string, unknown>[] } }>(`/suppliers/${active.erpLinks!.supplierId}?expand=all`);
    expect(inErp).toMatchObject({
      Supplier: 'Buckeye Surgical Supply 20 Inc.',
      TaxpayerId: '315550020',
      Status: 'ACTIVE',
      BusinessRelationshipCode: 'SPEND_AUTHORIZED',
    });
    expect(inErp.sites.items[0]).toMatchObject({ SupplierSite: 'DUBLIN', PaymentMethodCode: 'EFT' });
    expect(await statusEvents(created.id)).toEqual([
      { previousStatus: null, status: 'PENDING_APPROVAL' },
      { previousStatus: 'PENDING_APPROVAL', status: 'APPROVED' },
      { previousStatus: 'APPROVED', status: 'ACTIVE' },
    ]);
    // The job settles (SYNCED) just after the transaction that activated the supplier commits.
    const sync = await eventually(
      async () =>
        (
          await db
            .select()
            .from(syncStatus)
            .where(and(eq(syncStatus.entityId, created.id), eq(syncStatus.system, 'ERP')))
        )[0],
      (row) => row?.state === 'SYNCED',
    );
    expect(sync).toMatchObject({ system: 'ERP', state: 'SYNCED', attempts: 1, lastError: null });
  });

  it('stays APPROVED through an ERP outage, showing attempts and the error, and activates after recovery', async () => {
    const created = (await onboard(21)).supplier!;
    await fetch(`${erp.url}/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outage: true }),
    });
    try {
      await approveSupplier(db, created.id);
      const failing = await eventually(
        async () => (await db.select().from(syncStatus).where(eq(syncStatus.entityId, created.id)))[0],
        (row) => (row?.attempts ?? 0) >= 1 && row?.lastError !== null && row?.lastError !== undefined,
      );
      expect(failing!.lastError).toContain('503');
      expect((await supplier(created.id)).status).toBe('APPROVED');
    } finally {
      await fetch(`${erp.url}/admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    }
    const active = await eventually(
      () => supplier(created.id),
      (row) => row.status === 'ACTIVE',
      90_000,
    );
    expect(active.erpLinks?.supplierId).toBeDefined();
  }, 120_000);
});

describe('registrations from the vendor platform', () => {
  async function submit(body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${platform.url}/api/v1/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  interface PlatformEvent {
    id: string;
    type: string;
    createdAt: string;
    data: { registration: { id: string } };
  }

  async function latestEvent(type: string, registrationId: string): Promise<PlatformEvent> {
    const feed = (await (await fetch(`${platform.url}/api/v1/events?limit=200`)).json()) as { data: PlatformEvent[] };
    return feed.data.filter((item) => item.type === type && item.data.registration.id === registrationId).at(-1)!;
  }

  async function deliverLatest(type: string, registrationId: string): Promise<Response> {
    return deliver(await latestEvent(type, registrationId), webhookUrl);
  }

  /** The platform's signed delivery of one of its events. */
  function deliver(event: PlatformEvent, url: string): Promise<Response> {
    const rawBody = JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.data });
    const timestamp = Math.floor(Date.now() / 1000);
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(SECRET, timestamp, rawBody),
      },
      body: rawBody,
    });
  }

  const w9 = (index: number, changes: Record<string, unknown> = {}) => ({
    legalName: `GREAT LAKES INFUSION SUPPLY ${index} LLC`,
    dbaName: null,
    tin: `38-44400${String(index).padStart(2, '0')}`,
    taxClassification: 'llc',
    address: { street1: `${index} Woodward Ave`, street2: 'Suite 300', city: 'Detroit', state: 'mi', zip: '48226', country: 'US' },
    contact: { fullName: 'Sam Patel', email: 'Sam.Patel@GreatLakesInfusion.example', phone: '313-555-0199' },
    bank: { routingNumber: '072000326', accountNumber: `99887766${String(index).padStart(2, '0')}`, accountType: 'checking' },
    insurance: [
      {
        kind: 'general_liability',
        insurer: 'Chubb',
        policyNumber: `GL-88${index}`,
        coverageLimit: { value: '2000000.00', currency: 'USD' },
        expirationDate: '2027-09-30',
      },
    ],
    ...changes,
  });

  it('refuses an unsigned delivery', async () => {
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"id":"evt_x","type":"registration.submitted","data":{"registration":{"id":"reg_x"}}}',
    });
    expect(response.status).toBe(401);
  });

  it('onboards a submitted registration, and activates it once approved on the platform', async () => {
    const registrationId = await submit(w9(1));
    const delivered = await deliverLatest('registration.submitted', registrationId);
    expect(delivered.status).toBe(200);
    const outcome = (await delivered.json()) as { outcome: string; supplierId: string };
    expect(outcome.outcome).toBe('ONBOARDED');
    expect(await supplier(outcome.supplierId)).toMatchObject({
      status: 'PENDING_APPROVAL',
      legalName: 'Great Lakes Infusion Supply 1 LLC',
      address: { region: 'MI' },
    });
    // A redelivery is recognized by its event id before anything is done, and changes nothing.
    expect(await (await deliverLatest('registration.submitted', registrationId)).json()).toEqual({ outcome: 'DUPLICATE' });

    await fetch(`${platform.url}/api/v1/registrations/${registrationId}/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect((await deliverLatest('registration.approved', registrationId)).status).toBe(200);
    const active = await eventually(
      () => supplier(outcome.supplierId),
      (row) => row.status === 'ACTIVE',
    );
    const linked = await eventually(
      async () =>
        (await (await fetch(`${platform.url}/api/v1/registrations/${registrationId}`)).json()) as {
          status: string;
          erpReference: { supplierNumber: string } | null;
        },
      (registration) => registration.erpReference !== null,
    );
    expect(linked.erpReference!.supplierNumber).toBe(active.erpLinks!.supplierNumber);
    expect(linked.status).toBe('approved');
  });

  it("answers 503 and changes nothing while the platform's circuit is open, so the platform delivers again", async () => {
    const registrationId = await submit(w9(7));
    const event = await latestEvent('registration.submitted', registrationId);
    // The webhook path of a process whose vendor platform breaker has opened (here after one failure).
    const policy = new BackingSystemPolicies({ failureThreshold: 1, halfOpenAfterMs: 60_000 }).for('VENDOR_PLATFORM');
    await expect(policy.execute((signal) => fetch('http://127.0.0.1:9/', { signal }))).rejects.toThrow('fetch failed');
    expect(policy.summary().state).toBe('OPEN');
    const app = express();
    app.use(
      webhookRouter(
        suppliersWebhooks({
          db,
          cipher,
          systems: { vendorPlatformUrl: platform.url, vendorPlatformWebhookSecret: SECRET },
          logger,
          environment: { SCREENING_LEIE_FILE: leieFile },
          policy,
        }),
        logger,
      ),
    );
    const server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const refused = await deliver(event, `http://127.0.0.1:${port}/webhooks/vendor-platform`);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toEqual({ error: 'NOT_PROCESSED' });
      expect(await supplierOfRegistration(db, registrationId)).toBeNull();
      expect(await db.select().from(inboundEvents).where(eq(inboundEvents.sourceEventId, event.id))).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // Delivered again where the circuit is closed, it is applied: the refusal recorded nothing.
    const delivered = await deliver(event, webhookUrl);
    expect(delivered.status).toBe(200);
    const outcome = (await delivered.json()) as { outcome: string; supplierId: string };
    expect(outcome.outcome).toBe('ONBOARDED');
    expect(await supplierOfRegistration(db, registrationId)).toBe(outcome.supplierId);
  });

  it('enrolls a supplier onboarded in the graph on the portal once the ERP has it, and knows its registration when announced', async () => {
    const created = (await onboard(22)).supplier!;
    await approveSupplier(db, created.id);
    const active = await eventually(
      () => supplier(created.id),
      (row) => row.status === 'ACTIVE',
    );
    const reference = await eventually(
      async () =>
        (
          await db
            .select()
            .from(externalReferences)
            .where(and(eq(externalReferences.supplierId, created.id), eq(externalReferences.system, 'VENDOR_PLATFORM')))
        )[0],
      (row) => row !== undefined,
    );
    const registration = await eventually(
      async () => (await (await fetch(`${platform.url}/api/v1/registrations/${reference!.externalId}`)).json()) as Record<string, unknown>,
      (body) => body.erpReference !== null,
    );
    expect(registration).toMatchObject({
      status: 'approved',
      legalName: 'Buckeye Surgical Supply 22 Inc.',
      tin: '315550022',
      taxClassification: 'c_corporation',
      bank: { routingNumber: '011000015', accountNumber: '4410029922', accountType: 'checking' },
      erpReference: { supplierNumber: active.erpLinks!.supplierNumber },
    });
    // Enrolled in line by the one job the ERP link started, and each fact announced once.
    const portalJobs = await eventually(
      async () =>
        (await workers.jobs.listJobs({ system: 'VENDOR_PLATFORM', first: 200 })).nodes.filter((job) => job.entityId === created.id),
      (jobs) => jobs.every((job) => job.state === 'completed'),
    );
    expect(portalJobs.map((job) => [job.queue, job.topic, job.state])).toEqual([
      ['vendor-platform-erp-reference', 'supplier.erp_linked', 'completed'],
    ]);
    const topics = (await db.select().from(outbox).where(eq(outbox.aggregateId, created.id)).orderBy(outbox.position)).map(
      (row) => row.topic,
    );
    expect(topics.filter((topic) => topic !== 'supplier.status_changed')).toEqual([
      'supplier.approved',
      'supplier.erp_linked',
      'supplier.portal_enrolled',
    ]);
    const [announced] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateId, created.id), eq(outbox.topic, 'supplier.portal_enrolled')));
    expect(announced!.payload).toEqual({
      supplierId: created.id,
      vendorRegistrationId: reference!.externalId,
      erpSupplierId: active.erpLinks!.supplierId,
      erpSupplierNumber: active.erpLinks!.supplierNumber,
    });
    // The platform announces the registration as submitted: the same supplier, not a new one.
    const before = await supplierCount();
    const delivered = await deliverLatest('registration.submitted', reference!.externalId);
    expect(await delivered.json()).toEqual({ outcome: 'ALREADY_LINKED', supplierId: created.id });
    expect(await supplierCount()).toBe(before);
  });

  it('links a registration of a supplier known by its TIN and bank account, and refuses one with another account as a duplicate', async () => {
    const created = (await onboard(23)).supplier!;
    const before = await supplierCount();
    const sameSupplier = await submit(
      w9(23, { tin: '31-5550023', bank: { routingNumber: '011000015', accountNumber: '4410029923', accountType: 'checking' } }),
    );
    expect(await (await deliverLatest('registration.submitted', sameSupplier)).json()).toEqual({
      outcome: 'LINKED',
      supplierId: created.id,
    });
    const [reference] = await db
      .select()
      .from(externalReferences)
      .where(and(eq(externalReferences.supplierId, created.id), eq(externalReferences.system, 'VENDOR_PLATFORM')));
    expect(reference!.externalId).toBe(sameSupplier);

    // Knowing a supplier's TIN is not enough to take its portal account over.
    const stranger = await submit(w9(24, { tin: '31-5550023' }));
    expect(await (await deliverLatest('registration.submitted', stranger)).json()).toEqual({
      outcome: 'REJECTED',
      errors: ['DUPLICATE_SUPPLIER'],
    });
    expect(await supplierCount()).toBe(before);
  });

  it('approves the registration on the platform when the supplier is approved in the graph', async () => {
    const registrationId = await submit(w9(3));
    const outcome = (await (await deliverLatest('registration.submitted', registrationId)).json()) as { supplierId: string };
    await approveSupplier(db, outcome.supplierId);
    const linked = await eventually(
      async () =>
        (await (await fetch(`${platform.url}/api/v1/registrations/${registrationId}`)).json()) as { status: string; erpReference: unknown },
      (registration) => registration.erpReference !== null,
    );
    expect(linked.status).toBe('approved');
    expect((await supplier(outcome.supplierId)).status).toBe('ACTIVE');
  });

  it('rejects an invalid registration on the platform with its reasons, recording nothing', async () => {
    const before = await supplierCount();
    const registrationId = await submit(
      w9(2, { tin: '07-4440002', bank: { routingNumber: '072000327', accountNumber: '9988776655', accountType: 'checking' } }),
    );
    const delivered = await deliverLatest('registration.submitted', registrationId);
    expect(await delivered.json()).toMatchObject({ outcome: 'REJECTED', errors: ['INVALID_TAX_ID', 'INVALID_ROUTING_NUMBER'] });
    const onPlatform = (await (await fetch(`${platform.url}/api/v1/registrations/${registrationId}`)).json()) as {
      status: string;
      reviewNote: string;
    };
    expect(onPlatform.status).toBe('rejected');
    // Codes, fields and neutral reasons only: the note leaves the network.
    expect(onPlatform.reviewNote).toBe(
      'INVALID_TAX_ID (taxId): the tax id is not a valid EIN; INVALID_ROUTING_NUMBER (bankAccount.routingNumber): the bank routing number is not valid',
    );
    expect(await supplierCount()).toBe(before);
  });
});

describe('insurance and screening over time', () => {
  it('holds a supplier whose cover lapsed and releases it when a renewed certificate arrives', async () => {
    const created = (await onboard(30)).supplier!;
    await approveSupplier(db, created.id);
    await eventually(
      () => supplier(created.id),
      (row) => row.status === 'ACTIVE',
    );
    await checkInsurance(db, '2027-06-10');
    expect(await supplier(created.id)).toMatchObject({ status: 'ACTIVE', insuranceStatus: 'EXPIRING_SOON' });
    await checkInsurance(db, '2027-07-01');
    expect(await supplier(created.id)).toMatchObject({ status: 'ON_HOLD', insuranceStatus: 'EXPIRED' });
    expect(await openHolds(db, created.id)).toEqual(['INSURANCE_EXPIRED']);
    const renewed = await addInsuranceCertificate(
      db,
      created.id,
      {
        type: 'GENERAL_LIABILITY',
        carrier: 'Travelers',
        policyNumber: 'GL-4471920-28',
        coverageAmount: '2000000',
        expiresOn: '2028-06-30',
      },
      '2027-07-01',
    );
    expect(renewed.supplier).toMatchObject({ status: 'ACTIVE', insuranceStatus: 'VALID', statusBeforeHold: null });
    expect(await openHolds(db, created.id)).toEqual([]);
    expect((await statusEvents(created.id)).slice(-2)).toEqual([
      { previousStatus: 'ACTIVE', status: 'ON_HOLD' },
      { previousStatus: 'ON_HOLD', status: 'ACTIVE' },
    ]);
  });

  it('screens every current supplier again when a new list is loaded', async () => {
    const created = (await onboard(31, { legalName: 'Riverside Respiratory Supply Inc' })).supplier!;
    const current = await readFile(leieFile, 'utf8');
    await writeFile(
      leieFile,
      `${current.trimEnd()}\n"","","","RIVERSIDE RESPIRATORY SUPPLY INC","DME COMPANY","DME - OXYGEN","","1999999999","00000000","1 RIVER RD","DUBLIN","OH","43017","1128a1","20261101","00000000","00000000",""\n`,
    );
    const summary = await reloadAndRescreen(db, deps.screening);
    expect(summary.entries).toBe(36);
    expect(summary.excluded).toBe(1);
    expect(summary.putOnHold).toBeGreaterThanOrEqual(1);
    expect(summary.newlyExcluded).toBe(1);
    expect(await supplier(created.id)).toMatchObject({ status: 'ON_HOLD', screeningStatus: 'EXCLUDED' });
    expect(await openHolds(db, created.id)).toEqual(['SCREENING']);
    expect((await statusEvents(created.id)).at(-1)).toEqual({ previousStatus: 'PENDING_APPROVAL', status: 'ON_HOLD' });
  });
});
