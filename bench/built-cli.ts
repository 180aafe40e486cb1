// The built CLI (dist/cli/main.js) for benchmarks that start it as a user would, rebuilt first when
// a source file is newer than it. The build is `npm run build` without its first step (emptying dist),
// so that whatever else is running the built CLI meanwhile keeps its files.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');
export const BIN = join(ROOT, 'dist', 'cli', 'main.js');

function newestSourceMs(): number {
  const src = join(ROOT, 'src');
  return Math.max(...readdirSync(src, { recursive: true, encoding: 'utf8' }).map((file) => statSync(join(src, file)).mtimeMs));
}

/** The path of the built CLI, rebuilt if dist is missing or older than src. */
export function builtCli(log: (line: string) => void): string {
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newestSourceMs()) return BIN;
  log('building dist (older than src)');
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  // tsc emits despite type errors; what it emitted is what a user of this tree would start.
  if (build.status !== 0) log(`warning: the build reported errors; measuring what it emitted:\n${build.stdout.split('\n').slice(0, 3).join('\n')}`);
  if (!existsSync(BIN)) throw new Error(`the build made no ${BIN}: ${build.stderr}`);
  return BIN;
}
