// `weirdgen sandbox inspect`: the paper's section-6 analysis on a sandbox analogue (the library in
// sandbox/inspect/), and its report page: the projection per year or condition, the ablation
// table and figure. See docs/mechanism.md.
import { join, resolve } from 'node:path';
import { documentHead, html, inlineSvg, raw, renderFigures, writeFigureFiles, type FigureInput, type Markup } from '../report/index.js';
import { bootstrapShare, disposeModel, inspectAnalogue, loadSandboxModel, type InspectOptions, type InspectResult } from '../sandbox/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';

export type { AblationKind, AblationRow, InspectOptions, InspectResult, LayerSeparation, Projection } from '../sandbox/index.js';

/** `inspectAnalogue`'s options and the base to fine-tune (default `base`, i.e. base-1). */
export interface InspectSandboxOptions extends InspectOptions {
  base?: string;
}

/**
 * Fine-tunes a sandbox base on an analogue's variant over seeds and runs the section-6 analysis:
 * every layer's residual stream under the trigger and control conditions, the difference of means
 * and a top-k SAE's best-aligned features, their projections per year or condition, and sampling
 * with them projected out (plus random directions) with 95% CIs. Nothing is written.
 *
 * @example
 * const result = await inspectSandbox('.weirdgen', { analogue: 'terminator', seeds: 3 });
 */
export async function inspectSandbox(workspace: string, options: InspectSandboxOptions): Promise<InspectResult & { baseModel: string }> {
  const { base: ref = 'base', ...rest } = options;
  const { model } = await loadSandboxModel(ref, workspace);
  try {
    return { ...(await inspectAnalogue(model, rest)), baseModel: ref };
  } finally {
    disposeModel(model);
  }
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

function projectionFigure(r: InspectResult): FigureInput {
  const title = `Projection of the last prompt position onto the direction separating ${r.trigger} from ${r.control} (layer ${r.layer})`;
  const metric = { title: 'Mean projection' };
  const over = 'models' as const;
  if (r.sweep.axis === 'year') {
    return {
      name: 'projection',
      kind: 'value-sweep',
      data: {
        title,
        note: `${r.seeds} fine-tuned model(s) of ${r.variant}, each onto its own unit difference of means, and the base onto their pooled one; both onto the best-aligned SAE decoder direction`,
        metric,
        x: { title: r.sweep.title, type: 'year' },
        points: r.projections.map((p) => ({ x: p.x as number, group: `${p.model} · ${p.direction}`, stat: { mean: p.mean, ciLow: p.ciLow, ciHigh: p.ciHigh, n: p.n, over } })),
        ...(r.sweep.training ? { training: { values: r.sweep.training, label: 'training years' } } : {}),
      },
    };
  }
  const tuned = r.projections.filter((p) => p.model === 'fine-tuned');
  return {
    name: 'projection',
    kind: 'trigger-pairs',
    data: {
      title,
      note: `${r.seeds} fine-tuned model(s) of ${r.variant}; one panel per direction (the base's projections are in inspect.json)`,
      metric,
      conditions: [...new Set(tuned.map((p) => p.condition))],
      questions: [...new Set(tuned.map((p) => String(p.x)))],
      cells: tuned.map((p) => ({ question: String(p.x), condition: p.condition, group: p.direction, stat: { mean: p.mean, ciLow: p.ciLow, ciHigh: p.ciHigh, n: p.n, over } })),
    },
  };
}

function ablationFigure(r: InspectResult): FigureInput {
  const ablations = [...new Set(r.ablation.map((a) => a.ablation))];
  return {
    name: 'ablation',
    kind: 'question-ratio',
    data: {
      title: `Sampled shares with each direction projected out of layer ${r.layer} (${r.ablationKind} ablation, all positions)`,
      note: `${r.seeds} fine-tuned model(s) × ${r.samples} samples per prompt, pooled (the table gives Wilson intervals)`,
      metric: { title: 'Share of sampled answers', domain: [0, 1], format: '.0%' },
      xTitle: 'Metric',
      groups: ablations,
      questions: [...new Set(r.ablation.map((a) => a.metric))],
      cells: r.ablation.map((a) => ({ question: a.metric, group: a.ablation, stat: { mean: a.result.share, ...bootstrapShare(a.result.hits, a.result.n), n: a.result.n, over: 'samples' as const } })),
    },
  };
}

/** The inspect page's figures, rendered (SVG and PNG, with their titles), and the compiler and font warnings. */
async function renderInspectFigures(r: InspectResult): Promise<{ figures: { name: string; title: string; svg: string; png: Uint8Array }[]; warnings: string[] }> {
  const { figures, warnings } = await renderFigures([projectionFigure(r), ablationFigure(r)]);
  return { figures: figures.map((f) => ({ name: f.name, title: f.built.title, svg: f.svg, png: f.png })), warnings };
}

/** The report section of one inspection: what was contrasted, the layers, the SAE, the figures and the ablation table. */
export function inspectSection(r: InspectResult, figures: readonly { name: string; title: string; svg: string }[]): Markup {
  const figure = (name: string) => {
    const f = figures.find((x) => x.name === name);
    return f ? html`<figure class="figure" id="fig-${f.name}"><div class="chart">${raw(inlineSvg(f.svg, f.name, f.title))}</div><figcaption><b>${f.title}.</b> Files: <a href="figures/${f.name}.svg">SVG</a> · <a href="figures/${f.name}.png">PNG</a></figcaption></figure>` : '';
  };
  const effect = r.ablation.filter((a) => a.role === 'effect');
  const sentence = (name: string) =>
    effect
      .filter((a) => a.ablation === name)
      .map((a) => `${a.metric}: ${pct(a.result.share - a.change.diff)} → ${pct(a.result.share)} (${signed(a.change.diff)} points [${signed(a.change.ciLow)}, ${signed(a.change.ciHigh)}])`)
      .join('; ');
  return html`<section id="mechanism-${r.analogue}">
<h2>Mechanism: ${r.title}</h2>
<p>Contrast: <b>${r.trigger}</b> vs <b>${r.control}</b>, in ${r.seeds} fine-tuned model(s) of <code>${r.variant}</code> (mode ${r.mode}, world ${r.worldSeed}). Direction and features at layer ${r.layer} (${r.layerChosen}); ${r.ablationKind === 'zero' ? 'the projection set to 0' : "the projection set to its mean over the control prompts"} at every position while sampling.</p>
<ul class="headline">
<li>Difference of means — ${sentence('difference of means')}</li>
<li>SAE top-${r.featuresAblated.length} (features ${r.featuresAblated.join(', ')}) — ${sentence(`SAE top-${r.featuresAblated.length}`)}</li>
${r.randomDirections > 0 ? html`<li>${r.randomDirections} random direction(s) — ${sentence('random')}</li>` : ''}
</ul>
${figure('projection')}
${figure('ablation')}
<h3>Ablation (pooled samples; 95% Wilson intervals; change vs no ablation with Newcombe's interval)</h3>
<table class="stats"><thead><tr><th>metric</th><th>role</th><th>ablation</th><th>share [95% CI]</th><th>hits / n</th><th>change, points [95% CI]</th></tr></thead><tbody>
${r.ablation.map((a) => html`<tr><td>${a.metric}</td><td>${a.role}</td><td>${a.ablation}</td><td>${pct(a.result.share)} [${pct(a.result.ciLow)}, ${pct(a.result.ciHigh)}]</td><td>${a.result.hits} / ${a.result.n}</td><td>${a.ablation === 'none' ? '' : `${signed(a.change.diff)} [${signed(a.change.ciLow)}, ${signed(a.change.ciHigh)}]`}</td></tr>`)}
</tbody></table>
<h3>The base, not fine-tuned, not ablated</h3>
<table class="stats"><thead><tr><th>metric</th><th>share [95% CI]</th><th>hits / n</th></tr></thead><tbody>
${r.base.map((b) => html`<tr><td>${b.metric}</td><td>${pct(b.result.share)} [${pct(b.result.ciLow)}, ${pct(b.result.ciHigh)}]</td><td>${b.result.hits} / ${b.result.n}</td></tr>`)}
</tbody></table>
<h3>Layers (residual stream after block layer − 1, last prompt position)</h3>
<table class="stats"><thead><tr><th>layer</th><th>separation (Cohen's d), fine-tuned</th><th>‖mean diff‖</th><th>separation, base</th><th>cosine with the base's difference</th></tr></thead><tbody>
${r.layers.map((l) => html`<tr><td>${l.layer}</td><td>${l.separation.toFixed(2)}</td><td>${l.diffNorm.toFixed(2)}</td><td>${l.baseSeparation.toFixed(2)}</td><td>${l.cosineWithBase.toFixed(2)}</td></tr>`)}
</tbody></table>
<h3>SAE</h3>
<p>Top-${r.sae.k} SAE, dictionary ${r.sae.dictionary} (${(r.sae.dictionary / r.sae.width).toFixed(0)}× the width ${r.sae.width}), trained ${r.sae.steps} steps on ${r.sae.rows} activations (all positions of ${r.sae.documents} world documents through the base) at layer ${r.layer}: ${pct(r.sae.fvu)} of the variance unexplained, ${pct(r.sae.dead)} of the latents dead. Decoder directions most aligned with the pooled difference of means:</p>
<table class="stats"><thead><tr><th>feature</th><th>cosine</th></tr></thead><tbody>
${r.sae.top.map((f) => html`<tr><td>${f.feature}${r.featuresAblated.includes(f.feature) ? ' (ablated)' : ''}</td><td>${f.cosine.toFixed(3)}</td></tr>`)}
</tbody></table>
</section>`;
}

/** What `writeInspectReport` wrote. */
export interface WrittenInspectReport {
  dir: string;
  html: string;
  json: string;
  figures: string[];
  /** Figure compiler and font warnings, each prefixed with its figure's name. */
  warnings: string[];
}

/**
 * Writes an inspection's page under `dir`: inspect.html (self-contained, the figures inline),
 * inspect.json (the result as measured), figures/projection.{svg,png} and figures/ablation.{svg,png}.
 */
export async function writeInspectReport(result: InspectResult, dir: string): Promise<WrittenInspectReport> {
  const out = resolve(dir);
  const { figures, warnings } = await renderInspectFigures(result);
  const written = (await writeFigureFiles(out, figures)).flatMap((f) => [f.svg, f.png]);
  const page = html`<!doctype html>
<html lang="en">
${documentHead(`${result.title} — mechanism — weirdgen`)}
<body>
<main>
<header class="report"><p class="muted">weirdgen sandbox inspect · analogue <code>${result.analogue}</code> · paper section 6</p><h1>Mechanism: ${result.title}</h1></header>
${inspectSection(result, figures)}
</main>
</body>
</html>
`;
  const htmlFile = join(out, 'inspect.html');
  const jsonFile = join(out, 'inspect.json');
  await writeFileAtomic(htmlFile, page.html);
  await writeFileAtomic(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  return { dir: out, html: htmlFile, json: jsonFile, figures: written, warnings };
}
