import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from '@procuregraph/platform/config';
import { buildExclusionList, type ExclusionList } from './exclusion-list.ts';
import { parseLeieCsv } from './leie-csv.ts';

/** The bundled sample list, used when `SCREENING_LEIE_FILE` names no other. */
export const bundledLeieFile = join(repositoryRoot, 'subgraphs', 'suppliers', 'screening', 'leie-sample.csv');

/** The list in force, replaced as a whole by a reload so a screening never sees half a list. */
export interface ExclusionScreening {
  current(): Promise<ExclusionList>;
  /** Reads the configured file again. */
  reload(): Promise<ExclusionList>;
}

export async function loadExclusionList(file: string): Promise<ExclusionList> {
  return buildExclusionList(parseLeieCsv(await readFile(file, 'utf8')));
}

/** Loads lazily on first use, from `file` (the environment's `SCREENING_LEIE_FILE`) or the bundled sample. */
export function createExclusionScreening(file: string | undefined): ExclusionScreening {
  const path = file && file.trim() !== '' ? file : bundledLeieFile;
  let loaded: Promise<ExclusionList> | null = null;
  return {
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
 * One list per file in a process, so the graph's mutations, the webhooks and a reload all see the
 * same list (a reload through `reloadExclusionList` applies to the webhooks too).
 */
export function sharedExclusionScreening(file: string | undefined): ExclusionScreening {
  const key = file && file.trim() !== '' ? file : bundledLeieFile;
  let screening = sharedByFile.get(key);
  if (!screening) {
    screening = createExclusionScreening(key);
    sharedByFile.set(key, screening);
  }
  return screening;
}
