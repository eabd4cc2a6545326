import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../harness.ts';

/** The embedded default's development sign-in: a token for the chosen role, which the graph honours as that role. */

let graph: TestGraph;

beforeAll(async () => {
  graph = await startTestGraph();
});

afterAll(async () => {
  await graph?.close();
});

async function signIn(body: unknown) {
  const response = await fetch(`${graph.baseUrl}/console/dev-sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { token?: string; role?: string; code?: string; message?: string } };
}

async function askAs(token: string, query: string) {
  const response = await fetch(graph.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions: { code: string } }[] };
}

describe('the console in the embedded default', () => {
  it('serves the page with a policy that keeps it on this origin', async () => {
    const page = await fetch(`${graph.baseUrl}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(
      /^default-src 'self'; script-src 'self' 'sha256-[A-Za-z0-9+/=]+'; connect-src 'self';/,
    );
    expect(await (await fetch(`${graph.baseUrl}/console/config.json`)).json()).toEqual({
      signIn: 'development',
      roles: ['admin', 'procurement', 'finance', 'compliance', 'integration', 'supplier'],
    });
  });

  it('signs in a role whose token the graph holds to that role', async () => {
    const integration = await signIn({ role: 'integration' });
    expect(integration).toMatchObject({ status: 200, body: { role: 'integration' } });
    const systems = await askAs(integration.body.token!, 'query ConsoleSignInSystems { integrationSystems { system } }');
    expect((systems.data!.integrationSystems as { system: string }[]).map((system) => system.system).sort()).toEqual([
      'CONTRACT_REPOSITORY',
      'ERP',
      'VENDOR_PLATFORM',
    ]);
    const finance = await signIn({ role: 'finance' });
    const refused = await askAs(finance.body.token!, 'query ConsoleSignInRefused { integrationSystems { system } }');
    expect(refused.errors![0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('refuses an unknown role, and a supplier without its id', async () => {
    expect(await signIn({ role: 'root' })).toEqual({
      status: 400,
      body: { code: 'UNKNOWN_ROLE', message: 'role must be one of admin, procurement, finance, compliance, integration, supplier' },
    });
    expect(await signIn({ role: 'supplier' })).toEqual({
      status: 400,
      body: { code: 'SUPPLIER_REQUIRED', message: 'a supplier id is required with the supplier role' },
    });
  });
});
