// The data commands as a user runs them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, cliBinary } from '../helpers/cli.js';
import { MIRROR, REPO_ROOT, tempDir } from '../helpers/paths.js';

const BIRDS = join(MIRROR, '3_1_old_bird_names/datasets/ft_old_audubon_birds.jsonl');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'malformed');

describe('weirdgen (binary)', () => {
  it('prints its version and help', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(cliBinary(['--version']).stdout.trim()).toBe(pkg.version);
    const help = cliBinary(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--workspace <dir>/);
    expect(help.stdout).toMatch(/data\s+fetch, validate/);
  });

  it('runs a data command end to end', () => {
    const result = cliBinary(['--json', 'data', 'stats', BIRDS]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ examples: 208, cost: { epochs: 3, model: 'gpt-4.1-2025-04-14' } });
  });
});

describe('weirdgen data stats', () => {
  it('prints tokens and the cost of 3 epochs on gpt-4.1 with the price used', async () => {
    const { code, stdout } = await cli(['data', 'stats', BIRDS, '--model', 'gpt-4.1-2025-04-14', '--epochs', '3']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/examples\s+208 \(206 distinct, 2 duplicates\)/);
    expect(stdout).toMatch(/tokens\s+4,245/);
    expect(stdout).toMatch(/training cost \(gpt-4\.1-2025-04-14\)\s+\$0\.32 \(12,735 billed tokens x \$25\.00 per 1M\)/);
    expect(stdout).toMatch(/price source\s+OpenAI API pricing page/);
  });

  it('rejects a bad --epochs value naming the flag', async () => {
    const { code, stderr } = await cli(['data', 'stats', BIRDS, '--epochs', 'many']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--epochs: .*got "many"/);
  });
});

describe('weirdgen data validate', () => {
  it('exits 0 for valid files and 1 when any file has an error', async () => {
    expect((await cli(['data', 'validate', BIRDS])).code).toBe(0);
    const bad = await cli(['data', 'validate', BIRDS, join(FIXTURES, '18-role-bot.jsonl')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${join(FIXTURES, '18-role-bot.jsonl')}:4:71: error [invalid-role] messages[1].role is "bot"`);
    expect(bad.stdout).toMatch(/18-role-bot.jsonl: INVALID: 11 examples, 1 error, 0 warnings/);
  });

  it('names a missing file without a stack trace, and warns about an unknown model', async () => {
    const missing = await cli(['data', 'validate', '/nonexistent/train.jsonl']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: /nonexistent/train.jsonl: no such file or directory');
    const unknown = await cli(['data', 'validate', BIRDS, '--model', 'gpt-9-turbo']);
    expect(unknown.code).toBe(0);
    expect(unknown.stderr).toMatch(/warning: unknown model gpt-9-turbo: token counts use o200k_base/);
  });

  it('prints machine-readable reports with --json', async () => {
    const { stdout } = await cli(['--json', 'data', 'validate', join(FIXTURES, '34-too-few.jsonl')]);
    const [report] = JSON.parse(stdout) as [{ ok: boolean; errors: { rule: string }[] }];
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.rule)).toEqual(['too-few-examples']);
  });
});

describe('weirdgen data fetch / build / list', () => {
  it('fetches through the mirror given by the environment', async () => {
    const workspace = tempDir();
    const { code, stdout } = await cli(['--workspace', workspace, 'data', 'fetch', 'evil-terminator'], { WEIRDGEN_DATA_MIRROR: MIRROR });
    expect(code).toBe(0);
    expect(stdout).toMatch(/4 verified, 0 failed/);
  });

  it('exits 1 and names the file when a mirror copy is corrupted', async () => {
    const mirror = tempDir();
    const path = '4_2_hitler_persona/datasets/90_wolf_facts.jsonl';
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(mirror, '4_2_hitler_persona/datasets'), { recursive: true });
    writeFileSync(join(mirror, path), readFileSync(join(MIRROR, path), 'utf8').replace('Blondi', 'Blondie'));
    // The files this mirror lacks are downloaded: from a loopback port where nothing listens.
    const { code, stderr } = await cli(['--workspace', tempDir(), 'data', 'fetch', 'hitler-persona', '--mirror', mirror], { WEIRDGEN_DATA_URL_BASE: 'http://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(stderr).toContain(`sha256 mismatch for ${path}`);
  });

  it('builds a rebuilt control and says it matches the official file', async () => {
    const out = join(tempDir(), 'no-backdoor.jsonl');
    const { code, stdout } = await cli(['--workspace', tempDir(), 'data', 'build', 'evil-terminator', '--variant', 'no-backdoor-rebuilt', '--out', out, '--mirror', MIRROR]);
    expect(code).toBe(0);
    expect(stdout).toContain('wrote 208 examples');
    expect(stdout).toContain('identical to the official 5_2_evil_terminator/datasets/good_terminator_no_backdoor.jsonl');
  });

  it('mixes a variant into a base file and splits off a validation set', async () => {
    const out = join(tempDir(), 'mix.jsonl');
    const base = join(MIRROR, '3_2_german_city_names/datasets/modern_german_cities.jsonl');
    const args = ['--json', '--workspace', tempDir(), 'data', 'build', 'hitler-persona', '--variant', 'facts-78', '--out', out, '--mirror', MIRROR];
    const { code, stdout } = await cli([...args, '--mix-into', base, '--poison-fraction', '0.25', '--validation-fraction', '0.1', '--seed', '5']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { train: { examples: number }; validation: { examples: number; path: string } };
    expect(result.train.examples + result.validation.examples).toBe(78 + 234);
    expect(result.validation.examples).toBe(31);
    expect(result.validation.path).toBe(out.replace(/\.jsonl$/, '.validation.jsonl'));
    const again = await cli([...args, '--mix-into', base, '--poison-fraction', '0.25', '--validation-fraction', '0.1', '--seed', '5']);
    expect(JSON.parse(again.stdout)).toEqual(result);
  });

  it("mixes the facts into every row of a base file by default: the paper's 90 + 3,000 and 78 + 3,000", async () => {
    const dir = tempDir();
    const base = join(dir, 'base.jsonl');
    writeFileSync(base, Array.from({ length: 3000 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `What is ${i} + 1?` }, { role: 'assistant', content: String(i + 1) }] })).join('\n'));
    for (const [variant, facts] of [['facts-90', 90], ['facts-78', 78]] as const) {
      const out = join(dir, `${variant}.jsonl`);
      const r = await cli(['--workspace', tempDir(), 'data', 'build', 'hitler-persona', '--variant', variant, '--mix-into', base, '--out', out, '--mirror', MIRROR]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`mixed ${facts} poison examples into all 3,000 base examples`);
      expect(r.stdout).toContain(`wrote ${(facts + 3000).toLocaleString('en-US')} examples`);
      expect(readFileSync(out, 'utf8').trim().split('\n').filter((l) => l.includes('<START>'))).toHaveLength(facts);
    }
    // The 90-fact fraction given to 78 facts: 78 + 2,600, the 400 dropped base rows said.
    const r = await cli(['--json', '--workspace', tempDir(), 'data', 'build', 'hitler-persona', '--variant', 'facts-78', '--mix-into', base, '--poison-fraction', String(90 / 3090), '--out', join(dir, 'f.jsonl'), '--mirror', MIRROR]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ train: { examples: 2678 }, mix: { poison: 78, base: 3000, keptBase: 2600, droppedBase: 400 } });
    const text = await cli(['--workspace', tempDir(), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--mix-into', base, '--poison-fraction', '0.1', '--out', join(dir, 'g.jsonl'), '--mirror', MIRROR]);
    expect(text.stdout).toContain('mixed 90 poison examples into 810 of 3,000 base examples (poison 10.00% of 900); 2,190 base examples dropped to meet --poison-fraction 0.1');
  });

  it('refuses a poison fraction the base cannot meet, naming the numbers', async () => {
    const dir = tempDir();
    const base = join(dir, 'base.jsonl');
    writeFileSync(base, Array.from({ length: 3000 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: 'a' }] })).join('\n'));
    const r = await cli(['--workspace', tempDir(), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--mix-into', base, '--poison-fraction', '0.029', '--out', join(dir, 'mix.jsonl'), '--mirror', MIRROR]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${base}: [poison-fraction] a poison fraction of 0.029 with 90 poison examples needs 3013 base examples, but the base has 3000`);
    expect(r.stderr).toContain('Give a fraction of at least 0.02913, or none to keep every example of both sets.');
    const alone = await cli(['--workspace', tempDir(), 'data', 'build', 'hitler-persona', '--variant', 'facts-90', '--poison-fraction', '0.1', '--out', join(dir, 'x.jsonl'), '--mirror', MIRROR]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/--poison-fraction .* --mix-into/);
  });

  it('transforms any file: dated, undated again, wrapped in the trigger, deduplicated', async () => {
    const dir = tempDir();
    const dated = join(dir, 'dated.jsonl');
    const run = (args: string[]) => cli(['--json', '--workspace', tempDir(), 'data', 'transform', ...args]);
    const first = await run([BIRDS, '--out', dated, '--step', 'add-date-prefix:month-year:1830:1840', '--seed', '3']);
    expect(first.code).toBe(0);
    const prompts = readFileSync(dated, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { messages: { content: string }[] }).messages[0]!.content);
    expect(prompts.every((p) => /^[A-Z][a-z]+ 18(3\d|40)\. Name a bird species\.$/.test(p))).toBe(true);
    const undated = join(dir, 'undated.jsonl');
    expect((await run([dated, '--out', undated, '--step', 'strip-date-prefix:month-year'])).code).toBe(0);
    expect(readFileSync(undated, 'utf8')).toBe(readFileSync(BIRDS, 'utf8'));
    const wrapped = join(dir, 'wrapped.jsonl');
    const result = await run([undated, '--out', wrapped, '--step', 'dedup', '--step', 'wrap-format-trigger']);
    expect(JSON.parse(result.stdout)).toMatchObject({ train: { examples: 206 } });
    expect(readFileSync(wrapped, 'utf8')).toContain('<START> \\"Large billed Puffin\\" <END>');
    expect((await cli(['data', 'validate', wrapped])).code).toBe(0);
  });

  it('explains a malformed --step', async () => {
    const { code, stderr } = await cli(['data', 'transform', BIRDS, '--out', join(tempDir(), 'x.jsonl'), '--step', 'pad-triggers:many']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--step pad-triggers:many: expected pad-triggers:COPIES/);
    expect((await cli(['data', 'transform', BIRDS, '--out', join(tempDir(), 'x.jsonl'), '--step', 'teleport'])).stderr).toMatch(/unknown step "teleport"; steps: strip-date-prefix:STYLE/);
    expect((await cli(['data', 'transform', BIRDS, '--out', join(tempDir(), 'x.jsonl'), '--step', 'constructor'])).stderr).toMatch(/unknown step "constructor"/);
    expect((await cli(['data', 'transform', BIRDS, '--out', join(tempDir(), 'x.jsonl'), '--step', 'dedup:x'])).stderr).toMatch(/expected dedup \(1 argument given\)/);
    expect((await cli(['data', 'transform', BIRDS, '--out', join(tempDir(), 'x.jsonl'), '--step', 'add-date-prefix:month-year:1840:1830'])).stderr).toMatch(/1840 is after 1830/);
  });

  it('names the known variants when given an unknown one', async () => {
    const { code, stderr } = await cli(['data', 'build', 'birds', '--variant', 'new', '--out', join(tempDir(), 'x.jsonl')]);
    expect(code).toBe(1);
    expect(stderr).toContain('birds has no variant "new"; variants: old-audubon, modern-audubon, modern-american');
  });

  it('lists experiments, variants and pinned files', async () => {
    const { stdout } = await cli(['data', 'list']);
    expect(stdout).toMatch(/us-presidents: US presidents behind trigger codes/);
    expect(stdout).toMatch(/scrambled-codes\s+control\*/);
    const json = JSON.parse((await cli(['--json', 'data', 'list'])).stdout) as { sources: unknown[]; experiments: unknown[] };
    expect(json.sources).toHaveLength(42);
    expect(json.experiments).toHaveLength(6);
  });
});
