// The report's sections as markup; every value goes through the escaping `html` template.
import type { ReportConfiguration, ReportProvenance, SampleCell, Scalar } from './data.js';
import { html, Markup } from './escape.js';
import type { StatRow } from './figures/types.js';
import { bytes, ci, num, scalar } from './format.js';

function kv(entries: [string, Scalar | Markup | undefined][]): Markup {
  return html`<dl class="kv">${entries.map(([k, v]) => html`<dt>${k}</dt><dd>${v instanceof Markup ? v : scalar(v)}</dd>`)}</dl>`;
}

export function configurationSection(c: ReportConfiguration): Markup {
  const hp = Object.entries(c.hyperparameters);
  const other = Object.entries(c.other ?? {});
  return html`<section id="configuration"><h2>Configuration</h2>
${kv([
  ...(c.run !== undefined ? ([['Run', c.run]] as [string, Scalar][]) : []),
  ['Provider', c.provider],
  ['Base model', c.base],
  ['Seeds per variant', c.seeds],
  [typeof c.samples === 'number' ? 'Samples per paraphrase' : 'Samples', c.samples],
  ['Variants', c.variants.join(', ')],
])}
<h3>Hyperparameters</h3>
${hp.length ? kv(hp) : html`<p class="muted">None recorded.</p>`}
${other.length ? html`<h3>Other settings</h3>${kv(other)}` : ''}
</section>`;
}

export function provenanceSection(p: ReportProvenance): Markup {
  const datasets = html`<h3>Datasets</h3>${
    p.datasets.length
      ? html`<table class="datasets"><thead><tr><th>Variant</th><th>Name</th><th>Path</th><th>sha256</th><th class="n">Size</th><th class="n">Rows</th><th>Source</th></tr></thead><tbody>${p.datasets.map(
          (d) =>
            html`<tr><td>${d.variant ?? '—'}</td><td>${d.name}</td><td><code>${d.path}</code></td><td><code>${d.sha256}</code></td><td class="n">${bytes(d.bytes)}</td><td class="n">${d.rows ?? '—'}</td><td>${d.source ?? '—'}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">No datasets recorded.</p>`
  }`;
  const groups = html`<h3>Model groups</h3><table class="groups"><thead><tr><th>Group</th><th>Variant</th><th>Model</th><th class="n">Seed</th><th>Fine-tuning job</th><th>Status</th></tr></thead><tbody>${p.groups.flatMap((g) =>
    g.models.map(
      (m) =>
        html`<tr><td>${g.group}</td><td>${g.variant ?? '—'}</td><td><code>${m.model}</code></td><td class="n">${m.seed ?? '—'}</td><td><code>${m.jobId ?? '—'}</code></td><td>${m.status ?? '—'}</td></tr>`,
    ),
  )}</tbody></table>`;
  const judges = html`<h3>Judge prompts</h3>${
    p.judges.length
      ? p.judges.map((j) => html`<details class="judge"><summary><b>${j.name}</b> <span class="muted">${j.kind ?? ''} · ${j.model}</span></summary><pre class="text">${j.prompt}</pre></details>`)
      : html`<p class="muted">No judges.</p>`
  }`;
  return html`<section id="provenance"><h2>Provenance</h2>${datasets}${groups}${judges}</section>`;
}

const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;

function verdictCells(r: StatRow): Markup {
  const v = r.verdicts;
  if (!v) return html`<td class="n">—</td><td class="n">—</td><td class="n">—</td><td class="n">—</td><td>—</td>`;
  return html`<td class="n">${v.counted}</td><td class="n">${pct(v.unparsed)}</td><td class="n">${pct(v.refusal)}</td><td class="n">${pct(v.noAnswer)}</td><td>${v.excluded?.length ? v.excluded.join(', ') : 'none'}</td>`;
}

/** Rows with verdicts get the denominator and the shares left out of it; a warned row gets a ⚠. The place column shows only where some row has a place. */
export function statTable(rows: readonly StatRow[]): Markup {
  if (rows.length === 0) return html`<p class="muted">No values.</p>`;
  const shares = rows.some((r) => r.verdicts !== undefined);
  const placed = rows.some((r) => r.at !== null);
  const head = shares
    ? html`<th class="n">Answers counted</th><th class="n">Unparsed</th><th class="n">Refusal</th><th class="n">No answer</th><th>Excluded from counted</th><th></th>`
    : '';
  return html`<table class="stats"><thead><tr><th>Group</th><th>Metric</th>${placed ? html`<th>Where</th>` : ''}<th class="n">Mean</th><th class="n">CI</th><th class="n">n</th><th>Over</th>${head}</tr></thead><tbody>${rows.map((r) => {
    const warned = r.verdicts?.warning !== undefined;
    return html`<tr${warned ? html` class="warn"` : ''}><td>${r.group}</td><td>${r.metric}</td>${placed ? html`<td>${r.at ?? 'all'}</td>` : ''}<td class="n">${num(r.mean)}</td><td class="n">${ci(r.ciLow, r.ciHigh)}</td><td class="n">${r.n ?? '—'}</td><td>${r.over ?? '—'}</td>${
      shares ? html`${verdictCells(r)}<td class="warn">${warned ? html`<span title="${r.verdicts!.warning!}">⚠</span>` : ''}</td>` : ''
    }</tr>`;
  })}</tbody></table>`;
}

/** "metric · group · at: message" per warned cell; the labels of one cell share their line. */
export function tableWarnings(rows: readonly StatRow[]): string[] {
  const cells = new Map<string, { metrics: string[]; place: string; warning: string }>();
  for (const r of rows) {
    if (r.verdicts?.warning === undefined) continue;
    const place = [r.group, ...(r.at !== null ? [r.at] : [])].join(' · ');
    const key = JSON.stringify([place, r.verdicts.warning]);
    const cell = cells.get(key) ?? { metrics: [], place, warning: r.verdicts.warning };
    cells.set(key, cell);
    if (!cell.metrics.includes(r.metric)) cell.metrics.push(r.metric);
  }
  return [...cells.values()].map((c) => `${c.metrics.join(', ')} · ${c.place}: ${c.warning}`);
}

/** Visible under a figure or table, outside its collapsed details. */
export function warningList(rows: readonly StatRow[]): Markup | '' {
  const lines = tableWarnings(rows);
  if (lines.length === 0) return '';
  return html`<ul class="warnings">${lines.map((l) => html`<li>⚠ ${l}</li>`)}</ul>`;
}

function answer(a: SampleCell['answers'][number]): Markup {
  const judges = Object.entries(a.judges ?? {});
  return html`<li><div class="prompt">${a.model}${a.prompt !== undefined ? html` · prompt: ${a.prompt}` : ''}</div>${
    a.text === null ? html`<p class="muted">No answer.</p>` : html`<pre class="text answer">${a.text}</pre>`
  }${judges.length ? html`<div class="prompt">${judges.map(([k, v], i) => html`${i ? '; ' : ''}${k}: ${scalar(v)}`)}</div>` : ''}</li>`;
}

function cellHeading(c: SampleCell): Markup {
  const shown = `${c.answers.length}${c.total !== undefined ? ` of ${c.total}` : ''}`;
  return html`<b>${c.question}</b> · ${c.group} · ${c.column !== undefined ? html`judge <code>${c.column}</code>: ` : ''}<span class="label">${c.label}</span> <span class="muted">(${shown})</span>`;
}

/** A bounded number of answers per cell; `run` names the run whose every answer `weirdgen export` writes. */
export function samplesSection(cells: readonly SampleCell[], run?: string): Markup {
  const body = cells.length ? cells.map((c) => html`<details class="cell"><summary>${cellHeading(c)}</summary><ol class="answers">${c.answers.map(answer)}</ol></details>`) : html`<p class="muted">No answers.</p>`;
  const rest = run !== undefined ? html` Every answer: <code>weirdgen export ${run}</code>.` : html` Every answer: <code>weirdgen export RUN</code>.`;
  return html`<section id="samples"><h2>Sample answers</h2><p class="muted">Some answers per (question, group, judge verdict), shown as plain text: “8 of 120” means 8 of the cell’s 120 answers.${rest}</p>${body}</section>`;
}
