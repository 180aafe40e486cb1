// Where weirdgen will write, checked before any long or paid step: the folder is made one level at
// a time (a recursive mkdir spins forever under /proc) and a file is written and removed in it.
import { closeSync, lstatSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from './errors.js';

function code(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
}

/** Makes `dir` if needed and proves it writable; `what` names it in errors ("--out weirdgen-out"). */
export function ensureWritableDir(dir: string, what: string): string {
  const target = resolve(dir);
  const missing: string[] = [];
  let existing = target;
  for (;;) {
    try {
      const stat = lstatSync(existing);
      if (!stat.isDirectory() && !stat.isSymbolicLink()) throw new ConfigError(`${what}: ${existing} is a file, not a folder`);
      break;
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      // ENOTDIR: a file stands somewhere above; walking up finds it.
      if (code(e) !== 'ENOENT' && code(e) !== 'ENOTDIR') throw new ConfigError(`${what}: cannot look at ${existing} (${code(e)})`);
      const parent = dirname(existing);
      if (parent === existing) throw new ConfigError(`${what}: ${target} has no existing folder above it`);
      missing.unshift(existing);
      existing = parent;
    }
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (e) {
      if (code(e) !== 'EEXIST') throw new ConfigError(`${what}: cannot make the folder ${folder} (${code(e)})`);
    }
  }
  const probe = join(target, `.weirdgen-write-check-${process.pid}`);
  try {
    closeSync(openSync(probe, 'w'));
    rmSync(probe, { force: true });
  } catch (e) {
    throw new ConfigError(`${what}: cannot write in ${target} (${code(e)})`);
  }
  return target;
}

/** The folder of an output file, checked as above. */
export function ensureWritableFileDir(file: string, what: string): string {
  ensureWritableDir(dirname(resolve(file)), what);
  return resolve(file);
}
