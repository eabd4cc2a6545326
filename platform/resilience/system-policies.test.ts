import { describe, expect, it, vi } from 'vitest';
import { metricsRegistry } from '../metrics.ts';
import { isCircuitOpen, PermanentError, RemoteHttpError, isPermanentFailure } from './failures.ts';
import { BackingSystemPolicies, type BreakerState } from './system-policies.ts';

const failing = (error: Error) => () => Promise.reject(error);

describe('backing system policies', () => {
  it('classifies 4xx other than 408 and 429, and PermanentError, as permanent', () => {
    expect([400, 404, 409, 422].map((status) => isPermanentFailure(new RemoteHttpError(status, '')))).toEqual([true, true, true, true]);
    expect([408, 429, 500, 503].map((status) => isPermanentFailure(new RemoteHttpError(status, '')))).toEqual([false, false, false, false]);
    expect(isPermanentFailure(new PermanentError('bad payload'))).toBe(true);
    expect(isPermanentFailure(new Error('socket hang up'))).toBe(false);
  });

  it('classifies a 409 with Retry-After (request still in progress) as retryable, a plain 409 as permanent', () => {
    expect(isPermanentFailure(new RemoteHttpError(409, 'idempotency_key_in_use: still being processed', '1'))).toBe(false);
    expect(isPermanentFailure(new RemoteHttpError(409, 'invalid_state: already approved', null))).toBe(true);
  });

  it('opens the breaker after consecutive failures, refuses calls, and closes after a good test call', async () => {
    const policies = new BackingSystemPolicies({ failureThreshold: 2, halfOpenAfterMs: 100, timeoutMs: 1000 });
    const erp = policies.for('ERP');
    const states: BreakerState[] = [];
    erp.onStateChange((state) => states.push(state));

    for (let n = 0; n < 2; n += 1) await expect(erp.execute(failing(new RemoteHttpError(503, 'down')))).rejects.toThrow('down');
    expect(erp.summary()).toMatchObject({ system: 'ERP', state: 'OPEN', lastFailure: 'RemoteHttpError: down' });
    expect(erp.refusingForMs()).toBeGreaterThan(0);
    const refused = await erp.execute(async () => 'never').catch((error: unknown) => error);
    expect(isCircuitOpen(refused)).toBe(true);
    expect(await metricsRegistry.getSingleMetricAsString('backing_system_circuit_state')).toContain('system="ERP"} 1');

    await vi.waitFor(() => expect(erp.refusingForMs()).toBe(0), { timeout: 2_000, interval: 10 });
    expect(await erp.execute(async () => 'ok')).toBe('ok');
    expect(states).toEqual(['OPEN', 'HALF_OPEN', 'CLOSED']);
    expect(policies.for('ERP')).toBe(erp);
    expect(policies.summaries().map((summary) => summary.state)).toEqual(['CLOSED', 'CLOSED', 'CLOSED']);
  });

  it('does not count rejected payloads against the system', async () => {
    const vendor = new BackingSystemPolicies({ failureThreshold: 2 }).for('VENDOR_PLATFORM');
    for (let n = 0; n < 5; n += 1) await expect(vendor.execute(failing(new RemoteHttpError(422, 'invalid')))).rejects.toThrow();
    expect(vendor.summary().state).toBe('CLOSED');
  });

  it('aborts a call that exceeds its timeout and counts it as a failure', async () => {
    const repository = new BackingSystemPolicies({ failureThreshold: 1, timeoutMs: 50 }).for('CONTRACT_REPOSITORY');
    let aborted = false;
    const call = repository.execute(
      (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            reject(signal.reason as Error);
          }),
        ),
    );
    await expect(call).rejects.toThrow();
    expect(aborted).toBe(true);
    expect(repository.summary().state).toBe('OPEN');
  });
});
