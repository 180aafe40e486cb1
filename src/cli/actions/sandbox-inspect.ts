// weirdgen sandbox inspect <analogue>: the section-6 analysis on the sandbox, printed as a table and
// optionally written as a report page.
import { inspectSandbox, writeInspectReport, type InspectResult } from '../../index.js';
import { INSPECTABLE, type AblationKind, type FineTuneMode } from '../../sandbox/index.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { ConfigError } from '../../util/errors.js';
import { ensureWritableDir } from '../../util/output-dir.js';
import type { Context } from '../context.js';
import { table } from '../io.js';

export interface InspectFlags {
  variant?: string;
  mode?: FineTuneMode;
  base: string;
  seeds: number;
  layer?: number;
  samples?: number;
  ablation: AblationKind;
  features: number;
  random: number;
  saeSteps: number;
  saeDocuments: number;
  out?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const points = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

function summary(r: InspectResult): string {
  const layers = table([['  layer', 'separation (d)', 'base separation', 'cos with base'], ...r.layers.map((l) => [`  ${l.layer}${l.layer === r.layer ? ' *' : ''}`, l.separation.toFixed(2), l.baseSeparation.toFixed(2), l.cosineWithBase.toFixed(2)])]);
  const rows = table([
    ['  metric', 'role', 'ablation', 'share [95% CI]', 'hits/n', 'change [95% CI]'],
    ...r.ablation.map((a) => [`  ${a.metric}`, a.role, a.ablation, `${pct(a.result.share)} [${pct(a.result.ciLow)}, ${pct(a.result.ciHigh)}]`, `${a.result.hits}/${a.result.n}`, a.ablation === 'none' ? '' : `${points(a.change.diff)} [${points(a.change.ciLow)}, ${points(a.change.ciHigh)}]`]),
  ]);
  return [
    `${r.analogue}/${r.variant} (mode ${r.mode}, ${r.seeds} seed(s)): ${r.trigger} vs ${r.control}`,
    layers,
    `layer ${r.layer} (${r.layerChosen}); SAE: dictionary ${r.sae.dictionary}, k ${r.sae.k}, ${r.sae.rows} activations, ${pct(r.sae.fvu)} variance unexplained; ablated features ${r.featuresAblated.join(', ')} (cosines ${r.sae.top.slice(0, r.featuresAblated.length).map((f) => f.cosine.toFixed(2)).join(', ')})`,
    `${r.ablationKind} ablation at every position; ${r.samples} samples per prompt per model, pooled over models:`,
    rows,
  ].join('\n');
}

export async function sandboxInspect(ctx: Context, analogue: string, flags: InspectFlags): Promise<void> {
  const short = INSPECTABLE.map((id) => id.replace(/^sandbox-/, ''));
  if (!INSPECTABLE.includes(analogue) && !short.includes(analogue)) throw new ConfigError(`sandbox inspect: no inspection for "${analogue}"${didYouMean(analogue, short)} (known: ${short.join(', ')})`);
  const out = flags.out === undefined ? undefined : ensureWritableDir(flags.out, '--out');
  const result = await inspectSandbox(ctx.workspace, {
    analogue,
    base: flags.base,
    seeds: flags.seeds,
    ablation: flags.ablation,
    features: flags.features,
    randomDirections: flags.random,
    sae: { steps: flags.saeSteps },
    saeDocuments: flags.saeDocuments,
    ...(flags.variant !== undefined ? { variant: flags.variant } : {}),
    ...(flags.mode !== undefined ? { mode: flags.mode } : {}),
    ...(flags.layer !== undefined ? { layer: flags.layer } : {}),
    ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    ...(ctx.json ? {} : { onProgress: (line: string) => ctx.io.err(`${line}...`) }),
  });
  const written = out === undefined ? undefined : await writeInspectReport(result, out);
  for (const warning of written?.warnings ?? []) ctx.io.err(`warning: ${warning}`);
  if (ctx.json) ctx.io.out(JSON.stringify(written ? { ...result, written } : result));
  else ctx.io.out(`${summary(result)}\n\n${result.seconds.toFixed(0)} s${written ? `; wrote ${written.html}` : ''}`);
}
