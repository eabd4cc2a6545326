import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readFile, readdir, rename, utimes } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '@procuregraph/platform/logging';
import type { BackgroundWork } from '@procuregraph/platform/subgraph';
import { inSpan, NEW_TRACE, SpanKind } from '@procuregraph/platform/tracing';
import type { EdiRouteOptions } from './edi-routes.ts';
import { InterchangeRefused, receiveInterchange } from './receive-interchange.ts';

export interface DropFolderOptions extends EdiRouteOptions {
  folders: { inbox: string; processed: string; rejected: string };
  logger: Logger;
  /** A scan besides the file-system events, which some file systems (network shares) do not send. */
  scanIntervalMs: number;
}

/** Files still being written by convention (`.part`, `.tmp`) and claimed ones (dot files) are left alone. */
const isCandidate = (name: string) => !name.startsWith('.') && !/\.(part|tmp)$/i.test(name);

/**
 * Claims a file by renaming it to a dot file first: of several workers watching one folder, only
 * one rename succeeds, so each file is received once.
 */
async function claim(inbox: string, name: string): Promise<string | null> {
  const claimed = join(inbox, `.claimed-${process.pid}-${name}`);
  try {
    await rename(join(inbox, name), claimed);
    return claimed;
  } catch {
    return null;
  }
}

/** Each file a trace of its own, which the jobs its documents queue (997, ERP invoices) continue. */
function processFile(options: DropFolderOptions, name: string): Promise<void> {
  const span = {
    component: 'invoicing',
    name: 'EDI file received',
    kind: SpanKind.CONSUMER,
    parent: NEW_TRACE,
    attributes: { 'file.name': name },
  };
  return inSpan(span, () => receiveFile(options, name));
}

async function receiveFile(options: DropFolderOptions, name: string): Promise<void> {
  const claimed = await claim(options.folders.inbox, name);
  if (!claimed) return;
  let archive = options.folders.processed;
  try {
    const received = await receiveInterchange(options.db, await readFile(claimed, 'utf8'), options);
    options.logger.info({ file: name, interchange: received.interchangeControlNumber, documents: received.documents }, 'EDI file received');
  } catch (error) {
    if (!(error instanceof InterchangeRefused)) {
      // Not the file's fault (the database, say): put it back for the next scan.
      await rename(claimed, join(options.folders.inbox, name));
      throw error;
    }
    options.logger.warn({ file: name, code: error.code, reason: error.message }, 'EDI file rejected');
    archive = options.folders.rejected;
  }
  const archived = join(archive, `${new Date().toISOString().replaceAll(':', '')}-${basename(name)}`);
  await rename(claimed, archived);
  // Stamped when archived (a rename keeps the partner's time), which the retention purge goes by.
  const now = new Date();
  await utimes(archived, now, now);
}

async function scan(options: DropFolderOptions): Promise<void> {
  for (const name of (await readdir(options.folders.inbox)).filter(isCandidate).sort()) {
    try {
      await processFile(options, name);
    } catch (error) {
      options.logger.error({ err: error, file: name }, 'EDI file could not be processed; it stays in the inbox');
    }
  }
}

/** Watches EDI_INBOX_DIR: files present at start, then each one that arrives, moved to processed/ or rejected/ once received. */
export function ediDropFolder(options: DropFolderOptions): BackgroundWork {
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<void> = Promise.resolve();
  const scanSoon = () => {
    scanning = scanning.then(() => scan(options));
  };
  return {
    start: async () => {
      await Promise.all(Object.values(options.folders).map((folder) => mkdir(folder, { recursive: true })));
      scanSoon();
      watcher = watch(options.folders.inbox, scanSoon);
      timer = setInterval(scanSoon, options.scanIntervalMs);
    },
    stop: async () => {
      watcher?.close();
      clearInterval(timer);
      await scanning;
    },
  };
}
