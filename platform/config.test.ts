import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { logLevel, readEnvironment } from './config.ts';

describe('readEnvironment', () => {
  it('reads every setting the processes use, with the defaults of the embedded default', () => {
    const environment = readEnvironment({
      PORT: '4010',
      SUBGRAPH_SUPPLIERS_URL: 'http://suppliers.internal:4001/graphql',
      AUTH_ISSUER: 'https://login.example.org',
    });
    expect(environment.PORT).toBe(4010);
    expect(environment.subgraphUrls).toEqual({ suppliers: 'http://suppliers.internal:4001/graphql' });
    expect(environment.AUTH_ISSUER).toBe('https://login.example.org');
    expect(environment.backingSystemsConfigured).toBe(false);
    expect([environment.ERP_URL, environment.VENDOR_PLATFORM_URL, environment.CONTRACT_REPOSITORY_URL]).toEqual([
      'http://localhost:4101',
      'http://localhost:4102',
      'http://localhost:4103',
    ]);
  });

  it('says when a backing system is configured, so the reference systems stay off', () => {
    const environment = readEnvironment({ ERP_URL: 'https://erp.example.org' });
    expect(environment.backingSystemsConfigured).toBe(true);
    expect(environment.ERP_URL).toBe('https://erp.example.org');
    expect(environment.VENDOR_PLATFORM_URL).toBe('http://localhost:4102');
  });

  it('accepts a 32-byte data encryption key and refuses any other, naming the variable', () => {
    const key = randomBytes(32).toString('base64');
    expect(readEnvironment({ DATA_ENCRYPTION_KEY: key }).DATA_ENCRYPTION_KEY).toBe(key);
    expect(() => readEnvironment({ DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(
      'Invalid configuration:\n  DATA_ENCRYPTION_KEY: must be 32 bytes, base64-encoded',
    );
  });

  it('reads a timeout per backing system, 10 s each by default, and refuses one that is not a whole number of milliseconds', () => {
    expect(readEnvironment({}).backingSystemTimeoutsMs).toEqual({ ERP: 10_000, VENDOR_PLATFORM: 10_000, CONTRACT_REPOSITORY: 10_000 });
    expect(
      readEnvironment({ ERP_TIMEOUT_MS: '2500', VENDOR_PLATFORM_TIMEOUT_MS: '4000', CONTRACT_REPOSITORY_TIMEOUT_MS: '30000' })
        .backingSystemTimeoutsMs,
    ).toEqual({ ERP: 2500, VENDOR_PLATFORM: 4000, CONTRACT_REPOSITORY: 30_000 });
    expect(() => readEnvironment({ ERP_TIMEOUT_MS: 'soon' })).toThrow(
      'Invalid configuration:\n  ERP_TIMEOUT_MS: Invalid input: expected number, received NaN',
    );
    expect(() => readEnvironment({ VENDOR_PLATFORM_TIMEOUT_MS: '1.5' })).toThrow(
      'Invalid configuration:\n  VENDOR_PLATFORM_TIMEOUT_MS: Invalid input: expected int, received number',
    );
    expect(() => readEnvironment({ CONTRACT_REPOSITORY_TIMEOUT_MS: '0' })).toThrow(
      'Invalid configuration:\n  CONTRACT_REPOSITORY_TIMEOUT_MS: Too small: expected number to be >=100',
    );
  });

  it('reads the job runtimes heartbeat, 2 s and dead after 10 s by default, and refuses a dead-after under three beats', () => {
    expect(readEnvironment({}).workerHeartbeat).toEqual({ intervalSeconds: 2, deadAfterSeconds: 10 });
    expect(readEnvironment({ JOBS_WORKER_HEARTBEAT_SECONDS: '5', JOBS_WORKER_DEAD_AFTER_SECONDS: '15' }).workerHeartbeat).toEqual({
      intervalSeconds: 5,
      deadAfterSeconds: 15,
    });
    expect(() => readEnvironment({ JOBS_WORKER_HEARTBEAT_SECONDS: '5' })).toThrow(
      'Invalid configuration:\n  JOBS_WORKER_DEAD_AFTER_SECONDS: must be at least three times JOBS_WORKER_HEARTBEAT_SECONDS',
    );
    expect(() => readEnvironment({ JOBS_WORKER_HEARTBEAT_SECONDS: '0' })).toThrow(
      'Invalid configuration:\n  JOBS_WORKER_HEARTBEAT_SECONDS: Too small: expected number to be >=1',
    );
  });

  it('reads the OTLP endpoint (unset: no tracing) and refuses one that is not a URL, naming it', () => {
    expect(readEnvironment({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(readEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'pg-gw' })).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'pg-gw',
    });
    expect(() => readEnvironment({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      'Invalid configuration:\n  OTEL_EXPORTER_OTLP_ENDPOINT: Invalid URL',
    );
  });

  it('refuses a subgraph URL that is not a URL, naming it', () => {
    expect(() => readEnvironment({ SUBGRAPH_INVOICING_URL: 'invoicing host' })).toThrow(
      /^Invalid configuration:\n {2}SUBGRAPH_<NAME>_URL\.invoicing: /,
    );
  });
});

describe('logLevel', () => {
  it('is LOG_LEVEL when set, else silent under the test runner and info otherwise', () => {
    expect(logLevel({ LOG_LEVEL: 'debug', VITEST: 'true' })).toBe('debug');
    expect(logLevel({ VITEST: 'true' })).toBe('silent');
    expect(logLevel({})).toBe('info');
  });
});
