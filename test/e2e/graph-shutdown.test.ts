import { Server, Socket } from 'node:net';
import { expect, it } from 'vitest';
import { admin, startTestGraph, until } from '../harness.ts';
import { subscribe } from '../subscriber.ts';
import { changePaymentStatus, insertNetwork, paymentDocument } from '../payment-network.ts';

// Alone in its file, so no other graph runs in this process: what is open after the close is counted
// over the whole process, exactly. (Beside a running graph, its pollers' timers come and go.)

/** Open handles of this process, by kind (TCPSocketWrap, TCPServerWrap, Timeout…). */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of process.getActiveResourcesInfo()) counts[resource] = (counts[resource] ?? 0) + 1;
  return counts;
}

/** This process's sockets and servers on one of the given ports, described, to say what was left open. */
function endpointsOn(ports: ReadonlySet<number>): string[] {
  // Only this undocumented call gives the handles themselves; getActiveResourcesInfo gives their kinds.
  const live = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return live.flatMap((handle) => {
    if (handle instanceof Socket && (ports.has(handle.localPort ?? -1) || ports.has(handle.remotePort ?? -1)))
      return [`socket ${handle.localPort} → ${handle.remotePort}`];
    const address = handle instanceof Server ? handle.address() : null;
    return address && typeof address === 'object' && ports.has(address.port) ? [`server :${address.port}`] : [];
  });
}

it('closes every socket, listener and timer of a graph that still has subscribers', async () => {
  const before = handles();
  const graph = await startTestGraph({ seed: false });
  const systems = graph.app.systems;
  const ports = new Set([
    graph.app.gateway.port,
    ...Object.values(graph.app.subgraphs).map((subgraph) => subgraph.port),
    ...[systems.erpUrl, systems.vendorPlatformUrl, systems.contractRepositoryUrl].map((url) => Number(new URL(url).port)),
  ]);
  const network = await insertNetwork(graph.app.client);
  const subscriber = subscribe(graph.graphqlUrl, { authorization: `Bearer ${await graph.tokenFor(admin)}` }, paymentDocument);
  await until(() => graph.app.events.subscriberCount === 1);
  await changePaymentStatus(graph.app.client, network, null, 'SCHEDULED');
  expect(await subscriber.take(1)).toHaveLength(1);
  expect(endpointsOn(ports)).toContain(`server :${graph.app.gateway.port}`);

  await graph.close();
  expect(await subscriber.ended).toMatchObject({ kind: 'error', error: { code: 1001 } });
  expect(graph.app.events.subscriberCount).toBe(0);
  await until(() => endpointsOn(ports).length === 0, 5_000).catch(() => {
    throw new Error(`still open: ${endpointsOn(ports).join(', ')}`);
  });
  // Up to 15 s: a closed PGlite keeps its last interval timer (at most 10 s) until it fires.
  const noneAdded = () => Object.entries(handles()).every(([kind, count]) => count <= (before[kind] ?? 0));
  await until(noneAdded, 15_000).catch(() => {
    throw new Error(`open handles ${JSON.stringify(handles())}, before ${JSON.stringify(before)}`);
  });
}, 120_000);
