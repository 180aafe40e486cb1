// Commands that never run a sandbox model nor draw a figure never load tfjs, vega, vega-lite or
// resvg: the built CLI runs under a module hook that records every module URL it resolves.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/paths.js';

const HEAVY = /\/node_modules\/(@tensorflow|@resvg|vega|vega-lite)\//;

const HOOKS = `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(log, resolved.url + '\\n');
  return resolved;
}
`;

/** The module URLs the built CLI resolved while running `args` in an empty workspace, with its exit code. */
function loadedBy(args: readonly string[]): { code: number | null; stderr: string; urls: string[] } {
  const dir = tempDir('weirdgen-lazy-');
  const log = join(dir, 'resolved.txt');
  writeFileSync(log, '');
  writeFileSync(join(dir, 'hooks.mjs'), HOOKS);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)}, { data: { log: ${JSON.stringify(log)} } });\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, join(REPO_ROOT, 'dist', 'cli', 'main.js'), '--workspace', join(dir, 'ws'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  return { code: r.status, stderr: r.stderr, urls: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('the built CLI loads heavy libraries only where they are used', () => {
  it.each(['experiments list', 'finetune list', 'results'])('%s: no tfjs, vega, vega-lite or resvg', (command) => {
    const run = loadedBy(command.split(' '));
    expect(run.code, run.stderr).toBe(0);
    // The hook saw the command's own modules: an empty record would prove nothing.
    expect(run.urls.some((u) => u.endsWith('/dist/cli/program.js'))).toBe(true);
    expect(run.urls.filter((u) => HEAVY.test(u))).toEqual([]);
  });
});
