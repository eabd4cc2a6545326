/**
 * The subscription clients, in a process of their own so their memory and CPU are not the
 * gateway's. Driven over IPC by scenarios/subscriptions.ts: `open` connects `count` graphql-ws
 * clients (in batches, each waiting for its connection_ack), `await` reports when `expected`
 * clients have received the event stamped `occurredAt` (or the timeout passed), `close`
 * disconnects all.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type SubscriberCommand =
  | { kind: 'open'; url: string; authorization: string; query: string; count: number }
  | { kind: 'await'; occurredAt: string; expected: number; timeoutMs: number }
  | { kind: 'close' };

export type SubscriberReport =
  | { kind: 'opened'; connected: number; failed: number }
  | { kind: 'received'; occurredAt: string; receivedAt: number[] }
  | { kind: 'closed' };

const BATCH = 250;
const clients: Client[] = [];
/** Receipt times (epoch ms, sub-millisecond) of each event, keyed by the occurredAt it carries. */
const receipts = new Map<string, number[]>();
let failedConnections = 0;

const now = () => performance.timeOrigin + performance.now();

function openOne(command: Extract<SubscriberCommand, { kind: 'open' }>): Promise<void> {
  return new Promise((resolve) => {
    const client = createClient({
      url: command.url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: command.authorization },
      retryAttempts: 0,
    });
    clients.push(client);
    client.on('connected', () => resolve());
    client.subscribe<{ paymentStatusChanged: { occurredAt: string } }>(
      { query: command.query },
      {
        next: (result) => {
          const stamp = result.data?.paymentStatusChanged.occurredAt;
          if (stamp) receipts.set(stamp, [...(receipts.get(stamp) ?? []), now()]);
        },
        error: () => {
          failedConnections += 1;
          resolve();
        },
        complete: () => {},
      },
    );
  });
}

async function open(command: Extract<SubscriberCommand, { kind: 'open' }>): Promise<SubscriberReport> {
  for (let start = 0; start < command.count; start += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, command.count - start) }, () => openOne(command)));
  }
  return { kind: 'opened', connected: clients.length - failedConnections, failed: failedConnections };
}

async function awaitEvent(command: Extract<SubscriberCommand, { kind: 'await' }>): Promise<SubscriberReport> {
  const deadline = Date.now() + command.timeoutMs;
  while ((receipts.get(command.occurredAt)?.length ?? 0) < command.expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { kind: 'received', occurredAt: command.occurredAt, receivedAt: receipts.get(command.occurredAt) ?? [] };
}

async function closeAll(): Promise<SubscriberReport> {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  return { kind: 'closed' };
}

process.on('message', (command: SubscriberCommand) => {
  const handled = command.kind === 'open' ? open(command) : command.kind === 'await' ? awaitEvent(command) : closeAll();
  void handled.then((report) => process.send!(report));
});
