// The layers of src/ run one way: every relative import (static, `export ... from`, `import type`,
// dynamic `import()`) is checked against the order in ARCHITECTURE.md, the sandbox wing and the
// faces (another folder is entered through its index.ts; util/ is imported file by file).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/paths.js';

/** Earlier layers never import later ones; `api` is src/index.ts with src/api/. */
const LAYERS: readonly string[] = ['util', 'config', 'data', 'sandbox', 'providers', 'server', 'store', 'experiments', 'finetune', 'eval', 'analysis', 'report', 'run', 'audit', 'view', 'api', 'cli'];
/** The offline model organism is entered only from these layers. */
const SANDBOX_IMPORTERS = new Set(['sandbox', 'providers', 'server', 'run', 'audit', 'api', 'cli']);

interface SourceFile {
  /** Relative to the repository root, with forward slashes: `src/eval/plan.ts`. */
  path: string;
  text: string;
}

function layerOf(path: string): string {
  const parts = path.split('/');
  return parts.length === 2 || parts[1] === 'api' ? 'api' : (parts[1] ?? '');
}

function faceOf(layer: string): string {
  return layer === 'api' ? 'src/index.ts' : `src/${layer}/index.ts`;
}

/** Every relative module specifier of `text` with its 1-based line. */
function relativeImports(text: string): { line: number; specifier: string }[] {
  const found = ts.preProcessFile(text, true, true).importedFiles;
  return found
    .filter((f) => f.fileName.startsWith('.'))
    .map((f) => ({ line: text.slice(0, f.pos).split('\n').length, specifier: f.fileName }));
}

/** One line per broken rule: `file:line: A -> B (why)`. */
function layerViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    for (const { line, specifier } of relativeImports(file.text)) {
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier)).replace(/\.js$/, '.ts');
      const to = layerOf(target);
      const at = `${file.path}:${line}: ${from} -> ${to}`;
      if (from === to) continue;
      if (!LAYERS.includes(from)) out.push(`${at} (${from} is not a layer of the order)`);
      else if (!LAYERS.includes(to)) out.push(`${at} (${to} is not a layer of the order)`);
      else if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) out.push(`${at} (against the order)`);
      if (to === 'sandbox' && !SANDBOX_IMPORTERS.has(from)) out.push(`${at} (the sandbox is entered only from ${[...SANDBOX_IMPORTERS].join(', ')})`);
      if (to !== 'util' && target !== faceOf(to)) out.push(`${at} (${target} instead of the face ${faceOf(to)})`);
    }
  }
  return out;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    if (!entry.name.endsWith('.ts')) return [];
    return [{ path: relative(REPO_ROOT, full).split('\\').join('/'), text: readFileSync(full, 'utf8') }];
  });
}

describe('layers', () => {
  it('every import of src/ follows the order, the sandbox wing and the faces', () => {
    const files = sourceFiles(join(REPO_ROOT, 'src'));
    expect(files.length).toBeGreaterThan(200);
    expect(layerViolations(files)).toEqual([]);
  });

  it('names each kind of broken rule, for every form of import', () => {
    const fake = (path: string, text: string): SourceFile => ({ path, text });
    expect(
      layerViolations([
        fake('src/store/store.ts', "// the store\nimport { Ledger } from '../finetune/index.js';\n"),
        fake('src/config/yaml.ts', "export { decodeUtf8 } from '../data/index.js';"),
        fake('src/eval/plan.ts', "import type { Store } from '../store/store.js';"),
        fake('src/analysis/cells.ts', "const m = await import('../sandbox/index.js');"),
        fake('src/run/run.ts', "import { Caller } from '../eval/index.js';\nimport { sha256Hex } from '../util/hash.js';\nimport { x } from './plan.js';"),
        fake('src/cli/main.ts', "import { program } from './program.js';\nimport { openStore } from '../index.js';"),
        fake('src/tools/thing.ts', "import { parseYaml } from '../config/index.js';"),
      ]),
    ).toEqual([
      'src/store/store.ts:2: store -> finetune (against the order)',
      'src/config/yaml.ts:1: config -> data (against the order)',
      'src/eval/plan.ts:1: eval -> store (src/store/store.ts instead of the face src/store/index.ts)',
      'src/analysis/cells.ts:1: analysis -> sandbox (the sandbox is entered only from sandbox, providers, server, run, audit, api, cli)',
      'src/tools/thing.ts:1: tools -> config (tools is not a layer of the order)',
    ]);
  });

  it('places every folder of src/ in the order and gives each but util/ and cli/ its face (api/: src/index.ts)', () => {
    const folders = readdirSync(join(REPO_ROOT, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    for (const folder of folders) expect(LAYERS).toContain(folder);
    for (const folder of folders.filter((f) => f !== 'util' && f !== 'cli')) expect(existsSync(join(REPO_ROOT, faceOf(folder))), faceOf(folder)).toBe(true);
  });
});
