// Hostile YAML (alias bombs, missing anchors, thousands of nesting levels, bytes that are not UTF-8,
// files with no questions) gives a located error with its rule in every file weirdgen reads: questions
// in both formats, config and model groups; the CLI exits 1, never 70, and never hangs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/config/yaml.js';
import { YamlError } from '../../src/config/yaml-error.js';
import { YAML_LIMITS } from '../../src/config/yaml-limits.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

const LETTERS = 'abcdefghijkl';
/** `a: &a [x x 10]`, `b: &b [*a x 10]`, ...: 10^12 nodes once expanded. */
const BOMB = `${['a: &a [x, x, x, x, x, x, x, x, x, x]', ...[...LETTERS.slice(1)].map((l, i) => `${l}: &${l} [${Array(10).fill(`*${LETTERS[i]}`).join(', ')}]`)].join('\n')}\n`;
const blockSequence = (levels: number): string => Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}-`).join('\n');
const flowSequence = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;

function errorOf(run: () => unknown): YamlError {
  try {
    run();
  } catch (e) {
    if (e instanceof YamlError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('parseYaml on hostile input', () => {
  it.each([
    ['an alias bomb', BOMB, 4, 36, 'yaml-alias-expansion'],
    ['an alias to a missing anchor', 'a: [1, 2]\nb: *nowhere\n', 2, 4, 'yaml-alias-missing'],
    ['an alias to an anchor defined after it', 'b: *a\na: &a 1\n', 1, 4, 'yaml-alias-missing'],
    ['an alias inside the node it names', 'a: &a [1, *a]\n', 1, 11, 'yaml-alias-cycle'],
    ['a block sequence nested 100 deep', blockSequence(100), YAML_LIMITS.maxDepth + 1, YAML_LIMITS.maxDepth + 1, 'yaml-too-deep'],
  ])('refuses %s with a located error', (_what, text, line, column, rule) => {
    const error = errorOf(() => parseYaml(text, 'f.yaml'));
    expect(error.location).toEqual({ file: 'f.yaml', line, column });
    expect(error.rule).toBe(rule);
    expect(error.message).toMatch(new RegExp(`^f\\.yaml:${line}:${column}: invalid YAML \\[${rule}\\]: `));
  });

  it.each([
    ['block sequence', blockSequence(5000)],
    ['flow sequence', `q: ${flowSequence(20_000)}`],
    ['one-line block sequence', `q:\n${'- '.repeat(20_000)}x\n`],
  ])('refuses a %s thousands of levels deep with a located error, quickly', (_what, text) => {
    const started = performance.now();
    const error = errorOf(() => parseYaml(text, 'f.yaml'));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(['yaml-too-deep', 'yaml-syntax']).toContain(error.rule);
    expect(error.location.line).toBeGreaterThan(0);
    expect(error.location.column).toBeGreaterThan(0);
  });

  it('refuses a file over the size limit unread', async () => {
    const dir = tempDir();
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `questions:\n${'# padding\n'.repeat(Math.ceil(YAML_LIMITS.maxBytes / 10) + 1)}`);
    const r = await cli(['--workspace', join(dir, 'ws'), 'eval', file, '--models', 'sandbox:base-1', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:1:1: invalid YAML [yaml-too-large]`);
  });

  it('still reads ordinary anchors and aliases', () => {
    expect(parseYaml('base: &b { model: m, temperature: 0 }\nj1: *b\nj2: *b\n', 'f.yaml').value).toEqual({ base: { model: 'm', temperature: 0 }, j1: { model: 'm', temperature: 0 }, j2: { model: 'm', temperature: 0 } });
  });
});

describe('every YAML file the CLI reads', () => {
  const QUESTIONS = 'questions:\n  - { id: q, paraphrases: ["Name a bird."], samples: 1 }\n';
  const hostile: [string, string | Buffer, RegExp][] = [
    ['an alias bomb', BOMB, /:4:36: invalid YAML \[yaml-alias-expansion\]/],
    ['an alias to a missing anchor', 'questions: *nowhere\n', /:1:12: invalid YAML \[yaml-alias-missing\]/],
    ['a block sequence 5,000 levels deep', `x:\n${blockSequence(5000)}\n`, /:\d+:\d+: invalid YAML \[yaml-too-deep\]/],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from('questions:\n  - { id: q, paraphrases: ["N'), Buffer.from([0xff]), Buffer.from('EW"] }\n')]), /:2:30: \[invalid-utf8\] the line is not valid UTF-8/],
  ];

  const run = async (files: Record<string, string | Buffer>, args: (dir: string) => string[]) => {
    const dir = tempDir();
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const r = await cli(['--workspace', join(dir, 'ws'), ...args(dir)]);
    expect(r.stderr).not.toMatch(/internal error|    at /);
    return { ...r, dir };
  };

  it.each(hostile)('a weirdgen question file with %s: exit 1, file:line:column and rule', async (_what, content, expected) => {
    const r = await run({ 'q.yaml': content }, (dir) => ['eval', join(dir, 'q.yaml'), '--models', 'sandbox:base-1', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(r.dir, 'q.yaml'));
    expect(r.stderr).toMatch(expected);
  });

  const LLMCOMP_BOMB = `${['- &a [x, x, x, x, x, x, x, x, x, x]', ...[...LETTERS.slice(1)].map((l, i) => `- &${l} [${Array(10).fill(`*${LETTERS[i]}`).join(', ')}]`)].join('\n')}\n`;
  it.each([
    ['an alias bomb', LLMCOMP_BOMB, /:4:35: invalid YAML \[yaml-alias-expansion\]/],
    ['an alias to a missing anchor', '- id: q\n  type: free_form\n  paraphrases: *nowhere\n', /:3:16: invalid YAML \[yaml-alias-missing\]/],
    ['a block sequence 5,000 levels deep', `- id: q\n  type: free_form\n  paraphrases:\n${blockSequence(5000)}\n`, /:\d+:\d+: invalid YAML \[yaml-too-deep\]/],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from('- id: q\n  type: free_form\n  paraphrases: ["N'), Buffer.from([0xff]), Buffer.from('EW"]\n')]), /:3:19: \[invalid-utf8\]/],
  ])('an llmcomp question file with %s: exit 1, file:line:column and rule', async (_what, content, expected) => {
    const r = await run({ 'q.yaml': content }, (dir) => ['eval', join(dir, 'q.yaml'), '--models', 'sandbox:base-1', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(r.dir, 'q.yaml'));
    expect(r.stderr).toMatch(expected);
  });

  it.each(hostile)('a config file with %s: exit 1, file:line:column and rule', async (_what, content, expected) => {
    const r = await run({ 'c.yaml': content, 'q.yaml': QUESTIONS }, (dir) => ['--config', join(dir, 'c.yaml'), 'eval', join(dir, 'q.yaml'), '--models', 'sandbox:base-1', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(r.dir, 'c.yaml'));
    expect(r.stderr).toMatch(expected);
  });

  it.each(hostile)('a model groups file with %s: exit 1, file:line:column and rule', async (_what, content, expected) => {
    const r = await run({ 'g.yaml': content, 'q.yaml': QUESTIONS }, (dir) => ['eval', join(dir, 'q.yaml'), '--models', join(dir, 'g.yaml'), '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(join(r.dir, 'g.yaml'));
    expect(r.stderr).toMatch(expected);
  });

  it.each([
    ['an llmcomp list', '[]\n', ':1:1: [no-questions]'],
    ['a weirdgen file', 'questions: []\n', ':1:12: questions: Too small: the file has no questions'],
  ])('a question file with no questions (%s) is an error naming it, not a 0-row run', async (_what, content, expected) => {
    const r = await run({ 'q.yaml': content }, (dir) => ['eval', join(dir, 'q.yaml'), '--models', 'sandbox:base-1', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(r.dir, 'q.yaml')}${expected}`);
  });

  it('eval shows the warning for an llmcomp sibling it skipped, and runs the good file', async () => {
    const r = await run(
      { 'q.yaml': '- id: q\n  type: free_form\n  paraphrases: [Hi]\n', 'bomb.yaml': BOMB },
      (dir) => ['eval', join(dir, 'q.yaml'), '--models', 'sandbox:base-1', '--dry-run'],
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`warning: bomb.yaml (beside q.yaml) skipped while looking for judges: ${join(r.dir, 'bomb.yaml')}:4:36: invalid YAML [yaml-alias-expansion]`);
    expect(r.stdout).toMatch(/1 rows/);
  });
});
