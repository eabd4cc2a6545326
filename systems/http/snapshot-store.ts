import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '@procuregraph/platform/logging';

/**
 * Keeps a system's in-memory state on disk as one JSON document. Saves are debounced (a burst
 * of writes costs one file write) and atomic: the document is written to a temporary file and
 * renamed over the old one, so a crash mid-write never leaves a torn snapshot behind.
 * Without a file path it keeps nothing, which is what tests usually want.
 */
export class SnapshotStore {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private capture: (() => unknown) | undefined;

  constructor(
    private readonly file: string | undefined,
    private readonly logger: Logger,
    private readonly debounceMs = 250,
  ) {}

  /** The saved document, or undefined when there is none yet (a fresh store). */
  async load(): Promise<unknown> {
    if (!this.file) return undefined;
    try {
      return JSON.parse(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`Cannot read the snapshot ${this.file}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Asks for a save soon; `capture` is called at write time so the latest state is written. */
  scheduleSave(capture: () => unknown): void {
    if (!this.file) return;
    this.capture = capture;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.writeNow();
    }, this.debounceMs);
  }

  /** Writes any pending change now and waits for it; called on shutdown. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.writeNow();
    }
    await this.writing;
  }

  private writeNow(): Promise<void> {
    const capture = this.capture;
    const file = this.file;
    if (!capture || !file) return this.writing;
    this.capture = undefined;
    const document = JSON.stringify(capture());
    // Writes are chained so two saves never race on the rename.
    this.writing = this.writing
      .then(() => writeAtomically(file, document))
      .catch((error: unknown) => {
        this.logger.error({ err: error, file }, 'cannot write the snapshot');
      });
    return this.writing;
  }
}

async function writeAtomically(file: string, document: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, document, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
