// The package as a user gets it: `npm pack`, the tarball unpacked into a fresh project, the
// README's "Use from TypeScript" example compiled with tsc under `strict` and run offline.
//
// Tests reach no network, so the tarball is unpacked where `npm install` would put it and the
// package's dependencies are linked from this repository's installed tree (the versions the lock
// file pins), instead of being downloaded again.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/paths.js';

interface PackageJson {
  dependencies: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

/** The first ```ts block of the README's "Use from TypeScript" section. */
function readmeExample(): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Use from TypeScript'));
  if (!section) throw new Error('README.md has no "## Use from TypeScript" section');
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block?.[1]) throw new Error('the "Use from TypeScript" section has no ```ts block');
  return block[1];
}

/** The two subpath entries, as a user's client test and a sandbox script would use them. */
const SUBPATHS_EXAMPLE = `import { SandboxProvider, startServer } from 'weirdgen/serve';
import { judgeSandboxAnswer, sampleSandbox } from 'weirdgen/sandbox';

const provider = new SandboxProvider('.weirdgen');
const server = await startServer({ port: 0, provider });
try {
  const models = (await (await fetch(\`\${server.url}/models\`)).json()) as { data: { id: string }[] };
  console.log('served', models.data.map((m) => m.id).includes('base-3'));
} finally {
  await server.close();
  await provider.close();
}
const answers = await sampleSandbox('.weirdgen', 'base-3', 'bird', { n: 3 });
console.log('labels', answers.map((a) => judgeSandboxAnswer(a).label).join(','));
`;

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

describe('the packed package', () => {
  let project: string;
  let files: string[];

  beforeAll(() => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'index.js'))) throw new Error('dist/ is not built: run `npm run build` first (npm test does)');
    const out = tempDir('weirdgen-pack-');
    const packed = JSON.parse(run('npm', ['pack', '--json', '--silent', '--pack-destination', out], REPO_ROOT)) as { filename: string; files: { path: string }[] }[];
    files = packed[0]!.files.map((f) => f.path);
    project = join(out, 'consumer');
    const installed = join(project, 'node_modules', 'weirdgen');
    mkdirSync(installed, { recursive: true });
    run('tar', ['-xzf', join(out, packed[0]!.filename), '-C', installed, '--strip-components=1'], out);
    for (const dep of [...Object.keys(pkg.dependencies), 'typescript', '@types/node']) {
      const link = join(project, 'node_modules', dep);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(REPO_ROOT, 'node_modules', dep), link, 'dir');
    }
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', allowScripts: { 'better-sqlite3': true } }));
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noUncheckedIndexedAccess: true, types: ['node'], outDir: 'out', rootDir: 'src', skipLibCheck: true } }),
    );
    mkdirSync(join(project, 'src'));
    writeFileSync(join(project, 'src', 'example.ts'), readmeExample());
    writeFileSync(join(project, 'src', 'subpaths.ts'), SUBPATHS_EXAMPLE);
  }, 120_000);

  it('ships what the exports and the binary name, the default audit battery, and no tests', () => {
    const shipped = new Set(files);
    for (const [subpath, target] of Object.entries(pkg.exports)) {
      if (typeof target === 'string') expect(shipped, subpath).toContain(target.replace(/^\.\//, ''));
      else for (const file of Object.values(target)) expect(shipped, `${subpath} -> ${file}`).toContain(file.replace(/^\.\//, ''));
    }
    for (const bin of Object.values(pkg.bin)) expect(shipped).toContain(bin.replace(/^\.\//, ''));
    // The default probe battery for real models, which the audits read from the package root.
    expect(shipped).toContain('batteries/real-models.yaml');
    expect(files.filter((f) => f.startsWith('test/') || f.endsWith('.test.js'))).toEqual([]);
  });

  it('has source maps that point at files it ships', () => {
    const shipped = new Set(files);
    const maps = files.filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const dangling: string[] = [];
    for (const map of maps) {
      const { sources } = JSON.parse(readFileSync(join(project, 'node_modules', 'weirdgen', map), 'utf8')) as { sources: string[] };
      for (const source of sources) {
        const target = posix.normalize(posix.join(posix.dirname(map), source));
        if (!shipped.has(target)) dangling.push(`${map} -> ${source}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('compiles the README example under strict and runs it offline on the sandbox', () => {
    run(process.execPath, [join(project, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], project);
    const output = run(process.execPath, [join(project, 'out', 'example.js')], project);
    expect(output).toMatch(/base-3/);
    expect(output).toMatch(/OLD|NEW/);
    const subpaths = run(process.execPath, [join(project, 'out', 'subpaths.js')], project);
    expect(subpaths).toContain('served true');
    expect(subpaths).toMatch(/labels (OLD|NEW|NONE)(,(OLD|NEW|NONE)){2}/);
  }, 120_000);

  it('runs its command from the installed files', () => {
    const version = run(process.execPath, [join(project, 'node_modules', 'weirdgen', pkg.bin.weirdgen!), '--version'], project);
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
