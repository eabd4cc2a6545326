import { readFile } from 'node:fs/promises';
import { watchFile, unwatchFile } from 'node:fs';
import type { SupergraphManager } from '@apollo/gateway';
import type { Logger } from '@procuregraph/platform/logging';

export type SupergraphSource = { kind: 'file'; path: string } | { kind: 'url'; url: string };

export interface SupergraphSourceOptions {
  source: SupergraphSource;
  logger: Logger;
  /** How often to look for a new supergraph. */
  pollIntervalMs?: number;
}

async function fetchSupergraph(source: SupergraphSource): Promise<string> {
  if (source.kind === 'file') return readFile(source.path, 'utf8');
  const response = await fetch(source.url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`Fetching the supergraph from ${source.url} answered ${response.status}`);
  return response.text();
}

/**
 * Serves a supergraph from a file or URL and hands the gateway each new version. The gateway swaps
 * schemas atomically: operations in flight finish on the schema they started with, and a version
 * that fails to load is logged and skipped while the previous one keeps serving.
 */
export function supergraphManager({ source, logger, pollIntervalMs = 2_000 }: SupergraphSourceOptions): SupergraphManager {
  return {
    async initialize({ update }) {
      let current = await fetchSupergraph(source);
      const reload = async () => {
        try {
          const next = await fetchSupergraph(source);
          if (next === current) return;
          update(next);
          current = next;
          logger.info({ source }, 'supergraph reloaded');
        } catch (error) {
          logger.error({ err: error, source }, 'new supergraph rejected; still serving the previous one');
        }
      };
      if (source.kind === 'file') {
        watchFile(source.path, { interval: pollIntervalMs }, () => void reload());
        return { supergraphSdl: current, cleanup: async () => unwatchFile(source.path) };
      }
      const timer = setInterval(() => void reload(), pollIntervalMs);
      timer.unref();
      return { supergraphSdl: current, cleanup: async () => clearInterval(timer) };
    },
  };
}
