// The page's own files, bundled at build time into dist/web/ (npm run build): served from memory
// after the first read, with their content types. Nothing else on disk is reachable.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** dist/web/ from this module, whether it runs built (dist/view/) or from source (src/view/). */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/view.js': { file: 'view.js', type: 'text/javascript; charset=utf-8' },
  '/view.css': { file: 'view.css', type: 'text/css; charset=utf-8' },
};

const cache = new Map<string, Buffer>();

/** The file served at `path` with its content type, or undefined when `path` is not one of the page's files. */
export async function staticFile(path: string, root = WEB_ROOT): Promise<{ body: Buffer; type: string } | undefined> {
  const entry = FILES[path];
  if (entry === undefined) return undefined;
  const file = join(root, entry.file);
  let body = cache.get(file);
  if (body === undefined) {
    try {
      body = await readFile(file);
    } catch (e) {
      throw new Error(`${file}: the viewer's page is not built (run npm run build): ${(e as Error).message}`);
    }
    cache.set(file, body);
  }
  return { body, type: entry.type };
}
