// Unknown names are caught before any work, with the closest known name: endpoints and models in
// every model reference, experiments, variants, analogues and commands.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

const SPEC = ['questions:', '  - { id: birds, paraphrases: ["q bird"], samples: 2, maxTokens: 4 }'].join('\n');

function setup(): { spec: string; ws: string; flags: string[] } {
  const dir = tempDir();
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, SPEC);
  const ws = join(dir, 'ws');
  return { spec, ws, flags: ['--workspace', ws] };
}

describe('names checked before any work', () => {
  it('eval: an unknown endpoint in a model reference fails at once, naming the closest endpoint', async () => {
    const { spec, ws, flags } = setup();
    const r = await cli([...flags, 'eval', spec, '--models', 'old=sandbx:base-1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: unknown endpoint "sandbx" in model reference "sandbx:base-1"; did you mean "sandbox"?');
    const runs = await cli([...flags, '--json', 'results']);
    expect(JSON.parse(runs.stdout)).toEqual([]);
    expect(existsSync(join(ws, 'serve'))).toBe(false);
  });

  it('eval: an unknown sandbox model gets the closest name, or the list of models', async () => {
    const { spec, flags } = setup();
    const close = await cli([...flags, 'eval', spec, '--models', 'x=sandbox:base-33']);
    expect(close.stderr).toMatch(/model reference "sandbox:base-33": no sandbox model "base-33"; did you mean "base-3"/);
    const far = await cli([...flags, 'eval', spec, '--models', 'x=sandbox:completely-other', '--dry-run']);
    expect(far.code).toBe(1);
    expect(far.stderr).toMatch(/no sandbox model "completely-other"; known: base, base-1, base-2, base-3.*judge/);
  });

  it('eval: a judge model is checked as well', async () => {
    const { spec, flags } = setup();
    const r = await cli([...flags, 'eval', spec, '--models', 'base-1', '--judge-model', 'sanbox:judge', '--dry-run']);
    expect(r.stderr).toBe('error: unknown endpoint "sanbox" in model reference "sanbox:judge"; did you mean "sandbox"?');
  });

  it('a bare OpenAI model name on the sandbox default endpoint asks whether openai was meant, in eval, run and finetune launch', async () => {
    const { spec, flags } = setup();
    const evaluated = await cli([...flags, 'eval', spec, '--models', 'gpt-4.1-2025-04-14', '--dry-run']);
    expect(evaluated.stderr).toMatch(/model reference "gpt-4.1-2025-04-14": the default endpoint "sandbox" \(defaults.endpoint\) has no model "gpt-4.1-2025-04-14"; did you mean "openai:gpt-4.1-2025-04-14"\?/);
    const run = await cli([...flags, 'run', 'birds', '--base', 'gpt-4.1-2025-04-14', '--dry-run']);
    expect(run.stderr).toMatch(/did you mean "openai:gpt-4.1-2025-04-14"\?/);
    const launched = await cli([...flags, 'finetune', 'launch', spec, '--base', 'gpt-4.1-2025-04-14', '--dry-run']);
    expect(launched.stderr).toMatch(/did you mean "openai:gpt-4.1-2025-04-14"\?/);
    const ft = await cli([...flags, 'eval', spec, '--models', 'ft:gpt-4.1-2025-04-14:org::abc', '--dry-run']);
    expect(ft.stderr).toMatch(/did you mean "openai:ft:gpt-4.1-2025-04-14:org::abc"\?/);
  });

  it('a bare name goes to defaults.endpoint: with openai there, eval plans a bare gpt name on openai', async () => {
    const { spec, flags } = setup();
    const config = join(tempDir(), 'weirdgen.config.yaml');
    writeFileSync(config, 'defaults:\n  endpoint: openai\n');
    const r = await cli([...flags, '--config', config, '--json', 'eval', spec, '--models', 'gpt-4.1-2025-04-14', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ answers: { total: 2, unpriced: [] } });
  });

  it('run and experiments show: an unknown experiment or endpoint gets the closest one', async () => {
    const { flags } = setup();
    expect((await cli([...flags, 'run', 'sandbox-brids', '--dry-run'])).stderr).toMatch(/no experiment "sandbox-brids"; did you mean "sandbox-birds"\?/);
    expect((await cli([...flags, 'experiments', 'show', 'bird'])).stderr).toMatch(/no experiment "bird"; did you mean "birds"\?/);
    expect((await cli([...flags, 'run', 'birds', '--endpoint', 'opanai', '--dry-run'])).stderr).toMatch(/no endpoint named "opanai"/);
    expect((await cli([...flags, 'run', 'sandbox-birds', '--base', 'base-7', '--dry-run'])).stderr).toMatch(/no model "base-7"; did you mean "base-1" or "base-2" or "base-3"\?/);
    expect((await cli([...flags, 'run', 'birds', '--endpoint', 'openai', '--variants', 'old-audubn', '--dry-run'])).stderr).toMatch(/birds has no variant "old-audubn"; did you mean "old-audubon"\?/);
    expect((await cli([...flags, 'run', 'birds', '--endpoint', 'openai', '--base', 'sandbox:base-3', '--dry-run'])).stderr).toMatch(/base "sandbox:base-3" is on endpoint "sandbox", not on --endpoint openai/);
  });

  it('data and sandbox commands: unknown experiments, variants and analogues get the closest ones', async () => {
    const out = join(tempDir(), 'x.jsonl');
    expect((await cli(['data', 'build', 'brids', '--variant', 'old-audubon', '--out', out])).stderr).toMatch(/unknown experiment "brids"; did you mean "birds"\?/);
    expect((await cli(['data', 'build', 'birds', '--variant', 'old-audubn', '--out', out])).stderr).toMatch(/birds has no variant "old-audubn"; did you mean "old-audubon"\?/);
    expect((await cli(['data', 'fetch', 'brids'])).stderr).toMatch(/unknown "brids"; did you mean "birds"\?/);
    expect((await cli(['sandbox', 'dataset', 'brids', '--variant', 'old', '--out', out])).stderr).toMatch(/unknown analogue "brids"; did you mean "birds"\?/);
    expect((await cli(['export', 'r', '--format', 'cvs'])).stderr).toMatch(/--format: expected one of csv, jsonl \(got "cvs"\); did you mean "csv"\?/);
  });

  it('commands: a mistyped command gets commander’s suggestion', async () => {
    const r = await cli(['evl']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown command 'evl'[\s\S]*Did you mean eval\?/);
  });
});
