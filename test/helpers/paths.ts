// Locations tests share: the mirror of the paper's files and throwaway workspaces.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** The shared mirror of the official files (never copied into the repository). */
export const MIRROR = resolve(process.env.WEIRDGEN_DATA_MIRROR ?? join(REPO_ROOT, '..', 'shared', 'data', 'weird-generalization-official'));

export function tempDir(prefix = 'weirdgen-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
