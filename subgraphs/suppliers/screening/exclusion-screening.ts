import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { buildExclusionList, type ExclusionList } from './exclusion-list.ts';
import { parseLeieCsv } from './leie-csv.ts';

/** The bundled sample list, used when `SCREENING_LEIE_FILE` names no other. */
export const bundledLeieFile = join(repositoryRoot, 'subgraphs', 'suppliers', 'screening', 'leie-sample.csv');

/** The list in force, replaced as a whole by a reload so a screening never sees half a list. */
export interface ExclusionScreening {
  /** The file or URL the list is read from. */
  readonly source: string;
  current(): Promise<ExclusionList>;
  /** Reads the configured file or URL again. */
  reload(): Promise<ExclusionList>;
}

/** The full LEIE file is about 15 MB; a download slower than this is abandoned and tried at the next reload. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

async function readLeieText(source: string): Promise<string> {
  if (!/^https?:\/\//i.test(source)) return readFile(source, 'utf8');
  const response = await fetch(source, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`The exclusion list at ${source} answered HTTP ${response.status}`);
  return response.text();
}

/** Reads an LEIE-format CSV from a file path or an http(s) URL. */
export async function loadExclusionList(source: string): Promise<ExclusionList> {
  return buildExclusionList(parseLeieCsv(await readLeieText(source)));
}

/** Loads lazily on first use, from `source` (`SCREENING_LEIE_URL` or `SCREENING_LEIE_FILE`) or the bundled sample. */
export function createExclusionScreening(source: string | undefined): ExclusionScreening {
  const path = source && source.trim() !== '' ? source : bundledLeieFile;
  let loaded: Promise<ExclusionList> | null = null;
  return {
    source: path,
    current() {
      // A failed load is not remembered: the next screening tries the file again.
      loaded ??= loadExclusionList(path).catch((error: unknown) => {
        loaded = null;
        throw error;
      });
      return loaded;
    },
    async reload() {
      const list = await loadExclusionList(path);
      loaded = Promise.resolve(list);
      return list;
    },
  };
}

const sharedByFile = new Map<string, ExclusionScreening>();

/**
 * One list per file or URL in a process, so the graph's mutations, the webhooks, the scheduled
 * reload and `reloadExclusionList` all see the same list.
 */
export function sharedExclusionScreening(source: string | undefined): ExclusionScreening {
  const key = source && source.trim() !== '' ? source : bundledLeieFile;
  let screening = sharedByFile.get(key);
  if (!screening) {
    screening = createExclusionScreening(key);
    sharedByFile.set(key, screening);
  }
  return screening;
}
