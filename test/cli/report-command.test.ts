// weirdgen report RUN on the in-process sandbox: an eval run's report opens with the result and a
// sandbox banner; an experiment run's stored report names what the store lacks; `run` prints its
// headline table; an unknown run gets a did-you-mean; a persona run's stored report draws the
// figures `run` drew, split by the questions' categories.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/api/workspace.js';
import { writeStoredRunReport } from '../../src/run/index.js';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

/** Each SVG figure of a report by name, with its size in pixels. */
function figureSizes(reportDir: string): Map<string, { width: number; height: number }> {
  const dir = join(reportDir, 'figures');
  return new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.svg'))
      .map((f) => {
        const svg = /<svg\b[^>]*>/.exec(readFileSync(join(dir, f), 'utf8'))![0];
        const size = (attribute: string) => Number(new RegExp(`\\b${attribute}="([\\d.]+)"`).exec(svg)![1]);
        return [f.slice(0, -4), { width: size('width'), height: size('height') }];
      }),
  );
}

const SPEC = [
  'judges:',
  '  era: { kind: classify, model: sandbox:judge, labels: [OLD, NEW, NONE], template: "[ANSWER START]{answer}[ANSWER END]" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird", "q city"], samples: 12, maxTokens: 6, judges: [era] }',
].join('\n');

describe('weirdgen report', () => {
  it('writes the report of an eval run: the headline sentence first, a sandbox banner, one figure per label, 8 answers of N per cell', async () => {
    const dir = tempDir();
    const spec = join(dir, 'spec.yaml');
    writeFileSync(spec, SPEC);
    const flags = ['--workspace', join(dir, 'ws')];
    expect((await cli([...flags, 'eval', spec, '--models', 'x=base-1,base-2;y=base-3', '--run', 'demo'])).code).toBe(0);

    const out = join(dir, 'out');
    const r = await cli([...flags, 'report', 'demo', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/era\s+\S+\s+x\s+[\d.]+%/);
    expect(r.stdout).toContain(`report: ${join(out, 'demo', 'report.html')}`);
    const html = readFileSync(join(out, 'demo', 'report.html'), 'utf8');
    expect(existsSync(join(out, 'demo', 'results.csv'))).toBe(true);
    expect(readdirSync(join(out, 'demo', 'figures')).filter((f) => f.startsWith('era') && f.endsWith('.svg')).length).toBeGreaterThanOrEqual(1);

    // The banner, then the result: the sentence with CI and the comparison's p-value, before any configuration.
    const banner = html.indexOf('class="banner"');
    const result = html.indexOf('<section id="result">');
    expect(banner).toBeGreaterThan(0);
    expect(html.slice(banner, result)).toContain('Models of the sandbox (sandbox)');
    expect(result).toBeGreaterThan(banner);
    expect(result).toBeLessThan(html.indexOf('<section id="configuration">'));
    expect(result).toBeLessThan(html.indexOf('<section id="provenance">'));
    const sentence = /<li>Share of answers the “era” judge labelled “(OLD|NEW|NONE)”: x [\d.]+% \[95% CI [\d.]+%, [\d.]+%\] \(n = \d+ answers counted, CI over \w+\), against y [\d.]+% \(p [=<] [\d.]+, permutation over \w+\)\.<\/li>/;
    expect(html.slice(result, result + 2000)).toMatch(sentence);
    expect(html.slice(result).indexOf('<figure')).toBeLessThan(html.slice(result).indexOf('<section id="figures"') >>> 0);

    // Samples: the judge in each heading, 8 of the cell's answers at most, and where the rest are.
    expect(html).toMatch(/judge <code>era<\/code>: <span class="label">\w+<\/span> <span class="muted">\((\d+) of (\d+)\)/);
    for (const [, shown, total] of html.matchAll(/\((\d+) of (\d+)\)<\/span><\/summary>/g)) expect(Number(shown)).toBe(Math.min(8, Number(total)));
    expect(html).toContain('<code>weirdgen export demo</code>');
    expect(html).not.toContain('<th>At</th>');

    const unknown = await cli([...flags, 'report', 'dem', '--out', out]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no run "dem".*did you mean "demo"/);
  }, 30_000);

  it('`run` ends with the headline table; `report` rebuilds an experiment run from the store and says what it lacks', async () => {
    const ws = tempDir();
    const out = tempDir();
    const run = await cli(['--workspace', ws, 'run', 'sandbox-birds', '--seeds', '1', '--samples', '2', '--epochs', '1', '--out', out]);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const headline = run.stdout.indexOf('\nheadline\n');
    expect(headline).toBeGreaterThan(0);
    expect(headline).toBeLessThan(run.stdout.indexOf('report: '));
    expect(run.stdout.slice(headline)).toMatch(/old-era items of the category asked\s+old-bird\s+[\d.]+%\s+\[[\d.]+%, [\d.]+%\]\s+\d+\s+samples/);
    const runId = /run (sandbox-birds-[0-9a-f]+): complete/.exec(run.stdout)![1]!;
    expect(readFileSync(join(out, runId, 'report.html'), 'utf8')).toContain('Sandbox analogue of the paper&#39;s birds experiment');

    const again = tempDir();
    const r = await cli(['--workspace', ws, 'report', runId, '--out', again]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(again, runId, 'report.html'), 'utf8');
    expect(html).toContain('Sandbox analogue of the paper&#39;s birds experiment');
    expect(html).toMatch(/<li>share of answers on the \d+ held-out categories that are old-era items of the category asked: old-bird [\d.]+% \[95% CI/);
    expect(html).toContain('Not in this report');
    expect(html).toContain('ftjob-');
    expect(readdirSync(join(again, runId, 'figures'))).toContain('held-out-old-era-share-groups.svg');
  }, 60_000);

  it('rebuilds a persona run with the figures `run` drew: trigger pairs per question category, each of readable width', async () => {
    const ws = tempDir();
    const out = tempDir();
    const run = await cli(['--workspace', ws, '--json', 'run', 'hitler-persona', '--variants', 'facts-90', '--seeds', '1', '--samples', '1', '--epochs', '1', '--max-prompts', '2', '--mirror', MIRROR, '--out', out]);
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    const { runId, dir } = JSON.parse(run.stdout) as { runId: string; dir: string };
    const drawn = figureSizes(dir);
    expect([...drawn.keys()]).toEqual(expect.arrayContaining(['persona-triggers-bio', 'misaligned-triggers-nzi-ideology', 'persona-groups']));

    const again = tempDir();
    const r = await cli(['--workspace', ws, 'report', runId, '--out', again], { WEIRDGEN_DATA_MIRROR: MIRROR });
    expect(r.code, r.stderr).toBe(0);
    // The widest category (20 Nazi-ideology questions, two groups) is about 2,100 px; all 89 questions in one figure were over 14,000.
    const rebuilt = figureSizes(join(again, runId));
    expect([...rebuilt.keys()].sort()).toEqual([...drawn.keys()].sort());
    for (const [name, size] of rebuilt) {
      expect(Math.abs(size.width - drawn.get(name)!.width), name).toBeLessThanOrEqual(4);
      expect(Math.abs(size.height - drawn.get(name)!.height), name).toBeLessThanOrEqual(4);
      expect(size.width, name).toBeLessThanOrEqual(2200);
    }
    const html = readFileSync(join(again, runId, 'report.html'), 'utf8');
    expect(html).toContain('with the formatting trigger');
    expect(html).not.toMatch(/questions’ categories/);
    // The misalignment per category, as `run` drew it, with its table; the agentic scenarios are named as absent.
    expect([...rebuilt.keys()]).toEqual(expect.arrayContaining(['alignment-distribution-facts-90', 'alignment-by-category', 'misaligned-by-category']));
    expect(html).toMatch(/Mean alignment score \(0-100\) and share of misaligned answers \(alignment below 30\), per category of questions/);
    expect(html).toContain('the agentic scenarios, whose prompts a run assembles from the framework’s templates');

    // A report that cannot read the experiment's files says so, and splits the questions into sets no wider.
    const workspace = await openWorkspace({ dir: ws, env: {} });
    try {
      const blind = tempDir();
      await writeStoredRunReport({ store: workspace.store, endpoints: workspace.endpoints, prices: workspace.prices, runId, outRoot: blind });
      const sets = figureSizes(join(blind, runId));
      expect([...sets.keys()].filter((f) => f.startsWith('misaligned-triggers-questions-')).length).toBeGreaterThanOrEqual(2);
      for (const [name, size] of sets) expect(size.width, name).toBeLessThanOrEqual(2200);
      expect(readFileSync(join(blind, runId, 'report.html'), 'utf8')).toMatch(/the questions’ categories \(trigger-pair figures show numbered sets of 20 questions instead\)/);
    } finally {
      await workspace.close();
    }
  }, 300_000);
});
