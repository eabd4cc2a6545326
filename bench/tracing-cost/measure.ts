/**
 * What tracing costs, side by side in the same minutes: two copies of the product (`target.ts`),
 * one exporting every span (sampler ratio 1) over OTLP/HTTP to a sink in this process, one with
 * tracing off, take the same query in alternating windows (the order swapped each round, so the
 * machine's other load falls on both alike). Reports each side's requests/s and CPU ms per request:
 * the target process's user + system time over all the rounds (its idle windows too, so spans
 * exported after a window are counted, and both sides' background work alike) ÷ its requests.
 *
 *   npm ci --prefix bench && tsx bench/tracing-cost/measure.ts [rounds=4] [seconds=15]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { cpuSnapshot } from '../cpu.ts';
import { measureLoad, type LoadRequest } from '../load.ts';
import { loadAverage } from '../processes.ts';

const rounds = Number(process.argv[2] ?? 4);
const seconds = Number(process.argv[3] ?? 15);
const CONNECTIONS = 4;
const QUERY = '{ suppliers(first: 5) { nodes { legalName purchaseOrders(first: 2) { nodes { number } } } } }';

/** An OTLP/HTTP collector that takes every export and keeps only the count of bytes. */
async function startSink(): Promise<{ url: string; bytes: () => number; close: () => void }> {
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bytes: () => bytes, close: () => server.close() };
}

interface Side {
  readonly name: 'off' | 'on';
  readonly child: ChildProcess;
  readonly request: LoadRequest;
  cpuMs: number;
  requests: number;
  seconds: number;
}

async function startSide(name: Side['name'], environment: NodeJS.ProcessEnv): Promise<Side> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/tracing-cost/target.ts'], {
    // The load is one caller from one address: no rate limit (as the bench's other targets).
    env: { ...environment, LOG_LEVEL: 'warn', RATE_LIMIT_PER_CALLER: '0', RATE_LIMIT_PER_ADDRESS: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout! })) {
    if (!line.startsWith('{"url"')) continue;
    const { url, token } = JSON.parse(line) as { url: string; token: string };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    return { name, child, request: { url, headers, bodies: [JSON.stringify({ query: QUERY })] }, cpuMs: 0, requests: 0, seconds: 0 };
  }
  throw new Error(`The ${name} side exited before serving`);
}

/** One window of load on one side, counted in its totals unless it is the warm-up. */
async function window(side: Side, length: number, counted: boolean): Promise<void> {
  const sample = await measureLoad(side.request, CONNECTIONS, length);
  if (sample.failures > 0) throw new Error(`${sample.failures} failed requests on the ${side.name} side`);
  if (!counted) return;
  side.requests += sample.requests;
  side.seconds += length;
}

const sink = await startSink();
const { OTEL_EXPORTER_OTLP_ENDPOINT: _endpoint, ...untraced } = process.env;
const off = await startSide('off', untraced);
const on = await startSide('on', {
  ...untraced,
  OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
  OTEL_TRACES_SAMPLER: 'traceidratio',
  OTEL_TRACES_SAMPLER_ARG: '1',
});
try {
  const loadBefore = await loadAverage();
  for (const side of [off, on]) await window(side, 10, false);
  const watched = [off, on].map((side) => ({ name: side.name, pid: side.child.pid! }));
  const before = await cpuSnapshot(watched);
  for (let round = 0; round < rounds; round += 1)
    for (const side of round % 2 === 0 ? [off, on] : [on, off]) await window(side, seconds, true);
  // The batch exporter sends each second: what the last window traced is exported within two.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const after = await cpuSnapshot(watched);
  for (const side of [off, on]) side.cpuMs = after.processes.get(side.name)! - before.processes.get(side.name)!;
  const loadAfter = await loadAverage();
  for (const side of [off, on])
    console.log(
      `${side.name}: ${side.requests} requests in ${side.seconds} s, ${(side.requests / side.seconds).toFixed(1)} requests/s, ` +
        `${(side.cpuMs / side.requests).toFixed(2)} CPU ms per request`,
    );
  console.log(`spans exported: ${(sink.bytes() / 1024 / 1024).toFixed(1)} MiB of OTLP/JSON; load average ${loadBefore} → ${loadAfter}`);
} finally {
  for (const side of [off, on]) side.child.kill('SIGTERM');
  sink.close();
}
