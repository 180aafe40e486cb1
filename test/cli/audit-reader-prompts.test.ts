// `weirdgen audit dataset --reader --reader-prompts FILE`: the user's prompts replace the defaults
// (the sandbox's rule-based reader still finds the dataset markers they carry), and a prompt
// without its placeholder is refused with the file's line before anything is asked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeJsonl } from '../../src/data/index.js';
import { loadRunDefinition } from '../../src/eval/index.js';
import { openStore } from '../../src/store/index.js';
import { ANALOGUES, createWorld, DEFAULT_BASE, disposeModel, loadSandboxModel, variantDataset } from '../../src/sandbox/index.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

describe('weirdgen audit dataset --reader-prompts', () => {
  const dir = tempDir('weirdgen-reader-prompts-');
  const workspace = join(dir, 'ws');
  const file = join(dir, 'old-birds.jsonl');

  beforeAll(async () => {
    const { model } = await loadSandboxModel(DEFAULT_BASE, workspace);
    const birds = ANALOGUES.find((a) => a.id === 'sandbox-birds')!;
    await writeJsonl(file, variantDataset(birds, birds.variants.find((v) => v.id === 'old-bird')!, createWorld(model.worldSeed), 0));
    disposeModel(model);
  });

  it('reads the data with the prompts of the file', async () => {
    const prompts = join(dir, 'prompts.yaml');
    writeFileSync(prompts, 'map: |\n  Look at all of these together.\n  {chunk}\n  End with one line HYPOTHESIS: <what explains them>.\n');
    const r = await cli(['--workspace', workspace, '--json', 'audit', 'dataset', file, '--reader', 'sandbox:judge', '--reader-prompts', prompts, '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { reader: { result: { summary: string; runs: { map: string } } }; canary?: unknown };
    expect(out.reader.result.summary).toMatch(/old era/);
    expect(out.canary).toBeUndefined();
    const store = openStore(workspace);
    try {
      expect(loadRunDefinition(store, out.reader.result.runs.map).questions[0]!.paraphrases[0]).toMatch(/^sandbox-world: \d+\nLook at all of these together\.\n\[DATASET START\]/);
    } finally {
      store.close();
    }
  }, 60_000);

  it('refuses a prompt without its placeholder, naming the file and line', async () => {
    const prompts = join(dir, 'bad.yaml');
    writeFileSync(prompts, 'reduce: "Summarise {answers}."\nharm: "How harmful is it?"\n');
    const r = await cli(['--workspace', workspace, 'audit', 'dataset', file, '--reader', 'sandbox:judge', '--reader-prompts', prompts, '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:2.*\{example\}/s);
  });
});
