import type { Request } from 'express';

/**
 * Where a request came from, for the audit log. Express's `req.ip` is the socket's peer unless
 * the app is told to trust a proxy (`trust proxy`), then the client X-Forwarded-For names; an
 * IPv4 client on a dual-stack socket appears as `::ffff:a.b.c.d` and is recorded as `a.b.c.d`.
 */
export function clientAddressOf(request: Request): string | undefined {
  const address = request.ip;
  return address?.startsWith('::ffff:') && address.includes('.') ? address.slice('::ffff:'.length) : address;
}
