import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A folder or file name from our and partners' identifiers, with anything a file system could misread replaced. */
const safeName = (name: string) =>
  name
    .trim()
    .replaceAll(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^\./, '_');

/**
 * Writes a document to the partner's folder under the outbox: first as a `.tmp` file, then renamed,
 * so whoever collects the folder never takes a half-written file. Writing the same document again
 * replaces it with the same content.
 */
export async function writeToPartnerOutbox(outbox: string, interchangeId: string, fileName: string, content: string): Promise<string> {
  const folder = join(outbox, safeName(interchangeId));
  await mkdir(folder, { recursive: true });
  const path = join(folder, safeName(fileName));
  await writeFile(`${path}.tmp`, content);
  await rename(`${path}.tmp`, path);
  return path;
}
