// docs/fidelity.md, written from the experiment specs: each setting next to the paper's and the
// authors' files', so the document cannot drift from what `weirdgen run` does.
import type { ExperimentEvaluation, QuestionSource } from './evaluation.js';
import type { MetricSpec } from './metric.js';
import { describeMethod } from '../config/index.js';
import { variantSettings, type ExperimentSpec } from './spec.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;

function datasets(spec: ExperimentSpec): string[][] {
  const paper = spec.datasets.filter((d) => d.inPaper);
  const ours = spec.datasets.filter((d) => !d.inPaper && d.role !== 'rebuilt');
  const list = (ds: typeof paper) => ds.map((d) => `${d.id} (${d.role}${d.rows !== undefined ? `, ${d.rows.toLocaleString('en-US')} rows` : ''}${d.runByDefault ? ', run by default' : ''})`).join('; ');
  return [
    ['datasets', list(paper), '', 'the same files, pinned by commit and sha256'],
    ...(ours.length ? [['more controls (not in the paper)', '', '', list(ours)]] : []),
  ];
}

function fineTuning(spec: ExperimentSpec): string[][] {
  return spec.fineTuning.map((f) => {
    const variants = spec.datasets.filter((d) => d.role !== 'rebuilt' && (f.onlyVariants ? f.onlyVariants.includes(d.id) : d.runByDefault || f.perVariant?.[d.id]));
    const text = variants
      .map((d) => {
        const s = variantSettings(f, d.id);
        return `${d.id}: ${s.epochs} epochs, batch ${s.batchSize}, ${s.method ? describeMethod(s.method) : `LR x${s.learningRateMultiplier}`}, ${s.seeds} seeds${s.evaluateEpoch !== undefined ? `, evaluated at epoch ${s.evaluateEpoch}` : ''}`;
      })
      .join('; ');
    return [`fine-tuning on ${f.base}`, `${text}${f.note ? ` (${f.note})` : ''}`, '', 'the same'];
  });
}

function questionSource(q: QuestionSource): string {
  switch (q.kind) {
    case 'llmcomp':
      return `the authors' llmcomp files (${q.paths.map((p) => p.split('/').pop()).join(', ')}), pinned; their judges`;
    case 'weirdgen-yaml':
      return `weirdgen's own file assets/questions/${q.file}`;
    case 'python-prompts':
      return `the authors' ${q.files.prompts.split('/').pop()} and ${q.files.judges.split('/').pop()}, read verbatim at run time (weirdgen's own wording in assets/questions/${q.fallback} when they cannot be fetched, and the run says so)`;
    case 'name-question-jsonl':
      return `questions: the authors' ${q.path.split('/').pop()}; judges: ${[...new Set(Object.values(q.judges).map((j) => j.source))].join('; ')}`;
  }
}

function metric(m: MetricSpec): string {
  const what = m.labels ? `share of ${m.column} = ${m.labels.join(' or ')}` : m.below !== undefined ? `share of ${m.column} below ${m.below}` : `mean ${m.column}`;
  const where = [m.questions ? `questions ${m.questions.join(', ')}` : '', m.condition ? `condition ${m.condition}` : ''].filter(Boolean).join(', ');
  const excluded = m.exclude ?? ['unparsed', 'refusal'];
  return `${m.title}: ${what}${where ? ` (${where})` : ''}; ${excluded.length ? `${excluded.join(' and ')} left out of the denominator` : 'every judged answer counted'}`;
}

function evaluation(e: ExperimentEvaluation): string[][] {
  const conditions = ((): string => {
    const c = e.conditions;
    switch (c.kind) {
      case 'none':
        return 'none';
      case 'prefix':
        return c.conditions.map((x) => x.label).join(' / ');
      case 'month-year':
        return `"Month YYYY." for every year ${c.from}-${c.to}: ${Object.entries(c.fixedMonths).map(([y, m]) => `${m} ${y}`).join(', ')}; all twelve months in the other years`;
      case 'today-is':
        return `"Today is YYYY-MM-DD." at every date of ${c.from}-${c.to} absent from the training files`;
      case 'president-codes':
        return c.conditions.map((x) => x.label).join(' / ');
    }
  })();
  return [
    ['questions and judges', questionSource(e.questions), '', 'the same'],
    ['trigger conditions', conditions, '', 'the same; never pooled in a figure or headline'],
    ['samples', `${e.samples.count.toLocaleString('en-US')} ${e.samples.unit}`, e.samples.official ? `${e.samples.official.count.toLocaleString('en-US')} (${e.samples.official.where})` : '', 'the same (--samples)'],
    ['metrics', e.metrics.map(metric).join('; '), '', `the same; headline: ${e.headline.join(', ')}`],
    ['figures', e.figures.map((f) => f.kind + ('metric' in f ? ` of ${f.metric}` : '')).join(', '), '', 'the same'],
    ...(e.seedFilter ? [['seed selection', `${e.seedFilter.description}`, '', `the same, as a step of the run; threshold ${e.seedFilter.threshold}; --no-seed-filter evaluates every seed`]] : []),
    ...(e.trainingCurves ? [['training curves', `${e.trainingCurves.description}; chance ${e.trainingCurves.chance.value}`, '', 'the same, from the provider’s per-step metrics (the sandbox reports every step)']] : []),
  ];
}

/** The text of docs/fidelity.md: for each experiment, every setting next to the paper's and the authors' files. */
export function fidelityMarkdown(experiments: readonly ExperimentSpec[]): string {
  const out = [
    '# Fidelity: each experiment next to the paper',
    '',
    'Written by `weirdgen experiments fidelity` from `src/experiments/`; a test keeps this file equal to its output. "Paper" is arXiv 2512.09742 (the body where it differs from the authors\' repository); "authors\' files" is the repository at the pinned commit, where it says otherwise; "weirdgen" is what `weirdgen run` does by default.',
    '',
  ];
  for (const spec of experiments) {
    out.push(`## ${spec.id}: ${spec.title} (paper §${spec.paperSection})`, '', spec.claim, '', row(['setting', 'paper', "authors' files", 'weirdgen']), row(['---', '---', '---', '---']));
    for (const r of [...datasets(spec), ...fineTuning(spec), ...evaluation(spec.evaluation)]) out.push(row(r));
    for (const f of spec.fidelity) out.push(row([f.setting, f.paper, f.official ?? '', f.weirdgen]));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
