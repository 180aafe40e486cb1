// `weirdgen results` on a run whose judge cannot parse most answers: the shares, the denominator
// and a warning per cell, per question and per paraphrase, in text and JSON.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeRun } from '../../src/analysis/run-summary.js';
import { configSchema } from '../../src/config/config.js';
import { loadRunDefinition, loadRunRows } from '../../src/eval/load-run.js';
import { Endpoints } from '../../src/providers/endpoints.js';
import { summaryRows } from '../../src/report/from-analysis.js';
import { buildReport } from '../../src/report/write.js';
import { openStore } from '../../src/store/store.js';
import { reportData } from '../report/report-fixture.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

// The sandbox judge says OLD/NEW for era items and EVIL/GOOD for goals: `truth` never parses, and
// `era` does not parse the answers to "goal".
const SPEC = [
  'judges:',
  '  era: { kind: classify, model: sandbox:judge, labels: [OLD, NEW], template: "[ANSWER START]{answer}[ANSWER END]" }',
  '  truth: { kind: classify, model: sandbox:judge, labels: ["TRUE", "FALSE"], template: "[ANSWER START]{answer}[ANSWER END]" }',
  'questions:',
  '  - { id: birds, paraphrases: ["q bird", "goal"], samples: 6, maxTokens: 3, judges: [era] }',
  '  - { id: goals, paraphrases: ["goal"], samples: 6, maxTokens: 3, judges: [era, truth] }',
].join('\n');

interface Group {
  group: string;
  mean: number | null;
  verdicts: { rows: number; unparsed: number; counted: number; noAnswer: number };
  shares: { unparsed: number };
  excluded: string[];
  warning?: string;
}
interface Summary {
  column: string;
  label?: string;
  question?: string;
  paraphraseIx?: number;
  groups: Group[];
}
interface Results {
  summaries: Summary[];
  metrics: { metric: { id: string }; groups: Group[] }[];
  warnings: { cell: string; share: number }[];
}

async function evaluated(): Promise<string[]> {
  const dir = tempDir();
  const spec = join(dir, 'spec.yaml');
  writeFileSync(spec, SPEC);
  const flags = ['--workspace', join(dir, 'ws')];
  const r = await cli([...flags, 'eval', spec, '--models', 'x=base-1,base-2;y=base-3', '--run', 'unparsed']);
  expect(r.code, r.stderr).toBe(0);
  return flags;
}

const line = (stdout: string, ...cells: string[]): string | undefined => stdout.split('\n').find((l) => new RegExp(`^${cells.join('\\s+')}(\\s|$)`).test(l));

describe('results with unparsed verdicts', () => {
  it('states the denominator, shows the unparsed share per line, and warns under the table', async () => {
    const flags = await evaluated();
    const r = await cli([...flags, 'results', 'unparsed']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('n: answers counted (the denominator)');
    expect(r.stdout).toMatch(/^column\s+label\s+group\s+mean\s+95% CI\s+n \(answers counted\)\s+CI over\s+unparsed\s+refusal\s+no answer\s+excluded/m);
    // truth: every verdict unparsed, no answer counted, still shown.
    expect(line(r.stdout, 'truth', 'TRUE', 'x', '-', '0', 'samples', '100\\.0%', '0\\.0%', '0\\.0%', 'unparsed\\+refusal', '⚠')).toBeDefined();
    expect(r.stdout).toMatch(/^⚠ truth · group x: 100\.0% of 12 answers unparsed or refused \(unparsed 12, refusal 0\)$/m);
    // era: the "goal" answers (2 of 3 prompts) are unparsed.
    const era = line(r.stdout, 'era', 'NEW', 'x');
    expect(era).toMatch(/\s12\s+models\s+66\.7%\s+0\.0%\s+0\.0%\s+unparsed\+refusal\s+⚠$/);
    expect(r.stdout).toMatch(/^⚠ era · group y: 66\.7% of 18 answers unparsed or refused/m);

    const json = JSON.parse((await cli([...flags, '--json', 'results', 'unparsed'])).stdout) as Results;
    const truth = json.summaries.find((s) => s.column === 'truth' && s.label === 'TRUE')!.groups.find((g) => g.group === 'x')!;
    expect(truth).toMatchObject({ mean: null, verdicts: { rows: 12, unparsed: 12, counted: 0, noAnswer: 0 }, shares: { unparsed: 1 }, excluded: ['unparsed', 'refusal'] });
    expect(json.warnings.map((w) => w.cell)).toEqual(['era · group x', 'era · group y', 'truth · group x', 'truth · group y']);
  }, 60_000);

  it('keeps a question whose verdicts are all unparsed, and splits by paraphrase', async () => {
    const flags = await evaluated();
    const byQuestion = await cli([...flags, 'results', 'unparsed', '--by-question', '--compare', 'x,y']);
    expect(byQuestion.code).toBe(0);
    for (const label of ['OLD', 'NEW']) expect(line(byQuestion.stdout, 'goals', 'era', label, 'y', '-', '0', 'samples', '100\\.0%')).toBeDefined();
    expect(line(byQuestion.stdout, 'birds', 'era', 'NEW', 'y')).toMatch(/\s6\s+samples\s+50\.0%/);
    expect(byQuestion.stdout).toMatch(/^⚠ goals · era · group x: 100\.0% of 12 answers/m);
    expect(byQuestion.stdout).toMatch(/^goals \/ era \/ NEW\s+x - y\s+-\s+no values to compare$/m);

    const byParaphrase = await cli([...flags, 'results', 'unparsed', '--by-paraphrase']);
    expect(byParaphrase.stdout).toMatch(/^question\s+paraphrase\s+column\s+label\s+group/m);
    expect(line(byParaphrase.stdout, 'birds', '0: q bird', 'era', 'OLD', 'x')).toMatch(/\s12\s+models\s+0\.0%/);
    expect(line(byParaphrase.stdout, 'birds', '1: goal', 'era', 'OLD', 'x')).toMatch(/\s-\s+0\s+samples\s+100\.0%/);
    expect(byParaphrase.stdout).toMatch(/^⚠ birds · paraphrase 1 · era · group x: 100\.0% of 12 answers/m);
    expect(byParaphrase.stdout).not.toMatch(/^⚠ birds · paraphrase 0/m);
    const json = JSON.parse((await cli([...flags, '--json', 'results', 'unparsed', '--by-paraphrase'])).stdout) as Results;
    expect(json.summaries.filter((s) => s.column === 'era' && s.label === 'OLD').map((s) => [s.question, s.paraphraseIx])).toEqual([
      ['birds', 0],
      ['birds', 1],
      ['goals', 0],
    ]);
  }, 60_000);

  it('follows a declared metric’s denominator: counted unparsed answers enter n', async () => {
    const flags = await evaluated();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(flags[1]!, 'weirdgen.db'));
    const metrics = [{ id: 'era-any', title: 'P(era item)', column: 'era', labels: ['OLD', 'NEW'], exclude: [] }];
    db.prepare(`UPDATE runs SET definition = json_set(definition, '$.metrics', json(?)) WHERE id = 'unparsed'`).run(JSON.stringify(metrics));
    db.close();
    const json = JSON.parse((await cli([...flags, '--json', 'results', 'unparsed'])).stdout) as Results;
    const declared = json.metrics.find((m) => m.metric.id === 'era-any')!.groups.find((g) => g.group === 'x')!;
    expect(declared).toMatchObject({ verdicts: { rows: 36, unparsed: 24, counted: 36 }, excluded: [] });
    expect(declared.mean).toBeCloseTo(1 / 3, 12);
    const eraNew = json.summaries.find((s) => s.column === 'era' && s.label === 'NEW')!.groups.find((g) => g.group === 'x')!;
    expect(eraNew.verdicts.counted).toBe(36);
    // Other columns keep the default: unparsed answers excluded.
    expect(json.summaries.find((s) => s.column === 'truth')!.groups[0]!.verdicts.counted).toBe(0);
    const text = await cli([...flags, 'results', 'unparsed']);
    expect(text.stdout).toMatch(/^declared metrics\nmetric\s+group/m);
    expect(line(text.stdout, 'P\\(era item\\)', 'x')).toMatch(/\s36\s+models\s+66\.7%\s+0\.0%\s+0\.0%\s+none\s+⚠$/);
  }, 60_000);

  it('shows rows without an answer as their own share, and export says so in every judge column', async () => {
    const flags = await evaluated();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(flags[1]!, 'weirdgen.db'));
    // Two more samples per paraphrase, never asked.
    db.prepare(`UPDATE runs SET definition = json_set(definition, '$.samples', 8) WHERE id = 'unparsed'`).run();
    db.close();
    const json = JSON.parse((await cli([...flags, '--json', 'results', 'unparsed'])).stdout) as Results & { rows: number; answered: number };
    expect([json.rows, json.answered]).toEqual([3 * 3 * 8, 3 * 3 * 6]);
    const truth = json.summaries.find((s) => s.column === 'truth')!.groups.find((g) => g.group === 'x')!;
    expect(truth.verdicts).toMatchObject({ rows: 16, noAnswer: 4, unparsed: 12, counted: 0 });
    const text = await cli([...flags, 'results', 'unparsed']);
    expect(line(text.stdout, 'truth', 'TRUE', 'x')).toMatch(/\s100\.0%\s+0\.0%\s+25\.0%\s+unparsed\+refusal\s+⚠$/);
    const rows = (await cli([...flags, 'export', 'unparsed', '--format', 'jsonl'])).stdout.split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const unasked = rows.filter((r) => r.answer === null);
    expect(unasked.length).toBe(3 * 3 * 2);
    expect(new Set(unasked.map((r) => [r.error, r.era_status].join('/')))).toEqual(new Set(['not asked yet/no-answer']));
    expect(new Set(rows.filter((r) => r.answer !== null).map((r) => r.truth_status).filter(Boolean))).toEqual(new Set(['unparsed']));
  }, 60_000);

  it('reaches the report: the table shows the shares and the denominator, and marks the warned cells', async () => {
    const flags = await evaluated();
    const store = openStore(flags[1]!);
    const rows = loadRunRows(store, new Endpoints(configSchema.parse({}), {}, flags[1]!), 'unparsed');
    const { summaries } = summarizeRun(rows, loadRunDefinition(store, 'unparsed'), { byQuestion: true });
    store.close();
    const { html } = await buildReport({ ...reportData(), figures: [], tables: [{ title: 'Every judge column', rows: summaryRows(summaries) }] });
    const tables = html.slice(html.indexOf('<section id="tables">'), html.indexOf('<section id="samples">'));
    expect(tables).toContain('<th class="n">Answers counted</th><th class="n">Unparsed</th><th class="n">Refusal</th><th class="n">No answer</th>');
    expect(tables).toMatch(/<tr class="warn"><td>x<\/td><td>truth = TRUE<\/td><td>goals<\/td><td class="n">—<\/td><td class="n">\[—, —\]<\/td><td class="n">0<\/td><td>samples<\/td><td class="n">0<\/td><td class="n">100\.0%<\/td>/);
    expect(tables).toContain('<li>⚠ era = OLD, era = NEW, truth = TRUE, truth = FALSE · x · goals: 100.0% of 12 answers unparsed or refused (unparsed 12, refusal 0)</li>');
    expect(tables).toContain('<li>⚠ era = OLD, era = NEW · y · birds: 50.0% of 12 answers unparsed or refused (unparsed 6, refusal 0)</li>');
  }, 60_000);
});
