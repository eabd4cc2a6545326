/** A dependency the gateway needs to serve: the database, each subgraph. */
export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, 'ok' | string>;
}

export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2_000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await check(AbortSignal.timeout(timeoutMs));
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, (error as Error).message || 'failed'] as const;
      }
    }),
  );
  return { ready: results.every(([, outcome]) => outcome === 'ok'), checks: Object.fromEntries(results) };
}

/** A subgraph is ready when its `/healthz` answers 200. */
export function subgraphHealthCheck(name: string, graphqlUrl: string): ReadinessCheck {
  const healthUrl = new URL('/healthz', graphqlUrl).toString();
  return {
    name: `subgraph:${name}`,
    async check(signal) {
      const response = await fetch(healthUrl, { signal });
      if (!response.ok) throw new Error(`answered ${response.status}`);
    },
  };
}
