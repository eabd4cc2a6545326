/**
 * One side of the tracing-cost measurement: the whole product in this process on PGlite (as
 * `npm start` runs it, on free ports), with tracing as this process's environment says. Prints one
 * JSON line, `{ "url": …, "token": … }`, once it serves.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnvironment } from '@procuregraph/platform/config';
import { startTracing } from '@procuregraph/platform/tracing';
import { startProcuregraph } from '@procuregraph/runtime';
import { subgraphNames, type SubgraphName } from '@procuregraph/schema';

const dataDir = await mkdtemp(join(tmpdir(), 'procuregraph-tracing-cost-'));
const tracing = startTracing(readEnvironment(), 'procuregraph');
const procuregraph = await startProcuregraph({
  dataDir,
  pgliteDirectory: join(dataDir, 'pglite'),
  host: '127.0.0.1',
  ports: { gateway: 0, ...(Object.fromEntries(subgraphNames.map((name) => [name, 0])) as Record<SubgraphName, number>) },
  seed: true,
  backingSystems: { ports: { erp: 0, vendorPlatform: 0, contractRepository: 0 } },
});
const token = await procuregraph.tokenFor({ kind: 'staff', subject: 'bench-admin', role: 'admin' });
console.log(JSON.stringify({ url: `http://127.0.0.1:${procuregraph.gateway.port}/graphql`, token }));

process.once('SIGTERM', () => {
  void procuregraph
    .close()
    .then(() => tracing.shutdown())
    .finally(() => process.exit(0));
});
