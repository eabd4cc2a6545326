import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContractRepository } from '@procuregraph/contract-repository';
import { startErp } from '@procuregraph/erp';
import { call } from '@procuregraph/reference-http/testing';
import type { RunningSystem } from '@procuregraph/reference-http';
import { startVendorPlatform } from '@procuregraph/vendor-platform';

const systems: { name: string; start: () => Promise<RunningSystem>; probe: string }[] = [
  { name: 'erp', start: () => startErp({ port: 0 }), probe: '/fscmRestApi/resources/11.13.18.05/suppliers' },
  { name: 'vendor platform', start: () => startVendorPlatform({ port: 0, webhookSecret: 'test-secret' }), probe: '/api/v1/registrations' },
  { name: 'contract repository', start: () => startContractRepository({ port: 0 }), probe: '/api/contracts' },
];

describe.each(systems)('fault injection: $name', ({ start, probe }) => {
  let system: RunningSystem;
  const faults = (body: unknown) => call(`${system.url}/admin/faults`, { body });

  beforeAll(async () => {
    system = await start();
  });
  afterAll(() => system.close());

  it('answers 503 to everything but /admin/* during an outage, and recovers on {}', async () => {
    expect((await call(`${system.url}/healthz`)).status).toBe(200);
    expect((await faults({ outage: true })).body).toEqual({
      outage: true,
      errorRate: 0,
      latencyMs: 0,
      lostResponses: null,
      unavailable: null,
    });
    expect((await call(`${system.url}${probe}`)).status).toBe(503);
    expect((await call(`${system.url}/healthz`)).status).toBe(503);
    expect((await call(`${system.url}/admin/faults`)).status).toBe(200);
    await faults({});
    expect((await call(`${system.url}${probe}`)).status).toBe(200);
  });

  it('answers 500 to every request at errorRate 1, in the system’s error shape', async () => {
    await faults({ errorRate: 1 });
    const response = await call(`${system.url}${probe}`);
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).toContain('simulated');
    await faults({});
    expect((await call(`${system.url}${probe}`)).status).toBe(200);
  });

  it('delays responses by latencyMs', async () => {
    await faults({ latencyMs: 150 });
    const started = performance.now();
    expect((await call(`${system.url}${probe}`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await faults({});
  });

  it('refuses with 503 only the POSTs to the path named, after letting the first `after` through, then counts down', async () => {
    const post = () => call(`${system.url}${probe}`, { body: {} });
    const passing = (await post()).status;
    expect((await faults({ unavailable: { path: probe, count: 1, after: 1 } })).body.unavailable).toEqual({
      path: probe,
      count: 1,
      after: 1,
    });
    const statuses = [(await post()).status, (await post()).status, (await call(`${system.url}${probe}`)).status, (await post()).status];
    expect(statuses).toEqual([passing, 503, 200, passing]);
    expect(passing).not.toBe(503);
    expect((await call(`${system.url}/admin/faults`)).body.unavailable).toEqual({ path: probe, count: 0, after: 0 });
    await faults({});
  });

  it('refuses fault settings it cannot read', async () => {
    expect((await faults({ errorRate: 2 })).status).toBe(400);
    expect((await faults({ outage: 'yes' })).status).toBe(400);
    expect((await faults({ lostResponses: { path: 'no-slash', count: 1 } })).status).toBe(400);
    expect((await call(`${system.url}/admin/faults`)).body).toEqual({
      outage: false,
      errorRate: 0,
      latencyMs: 0,
      lostResponses: null,
      unavailable: null,
    });
  });
});
