import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A port nobody listens on now. Services that must know each other's address before they start
 * (the vendor platform posts webhooks to the gateway, the gateway's webhook handlers call the
 * vendor platform) get theirs up front.
 */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, host, () => resolve());
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The same ports, with every 0 replaced by a free port. */
export async function assignPorts<Ports extends Record<string, number>>(ports: Ports, host?: string): Promise<Ports> {
  const assigned: Record<string, number> = {};
  for (const [name, port] of Object.entries(ports)) assigned[name] = port === 0 ? await freePort(host) : port;
  return assigned as Ports;
}
