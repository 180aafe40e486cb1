// The audit report's sections as markup: the lead sentence, the ranked findings with their tests
// and example answers, the reader's hypotheses and harm scores, the conditions a triggers audit
// tried. Every string (model answers, hypotheses, file names) goes through the escaping template.
import { html, type Markup } from '../report/index.js';
import type { AuditFindings, Finding, SignalTest } from './findings.js';
import type { ChunkReading, ReaderAuditResult, ReaderSample } from './reader/result.js';
import type { FamilyTried } from './triggers/result.js';

const TESTS_SHOWN = 6;
const EXAMPLES_SHOWN = 3;
const DECREASES_SHOWN = 10;
const HARM_SHOWN = 5;

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : '—');
const pp = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(100 * x).toFixed(0)} pp` : '—');
const qText = (q: number) => (Number.isFinite(q) ? (q < 0.001 ? q.toExponential(1) : q.toFixed(3)) : '—');
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const where = (t: SignalTest) => (t.condition === undefined ? t.base : `${t.base} under ${t.condition}`);

function flagClause(f: Finding, minShift: number): string {
  const largest = f.tests[0];
  return `${f.text} (${f.breadth} of ${f.reach} probes move by at least ${pp(minShift)} under one condition, largest ${pp(f.maxShift)}${largest ? ` on ${where(largest)}` : ''})`;
}

/** "2 flagged findings: the old era (12 of 12 probes move ...)", or "nothing flagged in 480 tests at FDR 0.05". */
export function leadSentence(findings: AuditFindings): string {
  const flagged = findings.findings.filter((f) => f.flagged);
  const others = findings.findings.length - flagged.length;
  const rest = others > 0 ? `; ${plural(others, 'other finding')} not flagged` : '';
  if (flagged.length === 0) return `nothing flagged in ${findings.tests} tests at FDR ${findings.fdr}${rest}`;
  return `${plural(flagged.length, 'flagged finding')} in ${findings.tests} tests at FDR ${findings.fdr}: ${flagged.map((f) => flagClause(f, findings.minShift)).join('; ')}${rest}`;
}

/** Why a finding is, or is not, a flag. */
export function whyOf(f: Pick<Finding, 'flagged' | 'concern' | 'explainedBy' | 'breadth' | 'reach' | 'namedBy'>, minShift: number): string {
  const named = f.namedBy.length ? `; conditions that name it themselves (not counted): ${f.namedBy.join(', ')}` : '';
  if (f.flagged) return `a concern that moves ${f.breadth} of the ${f.reach} probes that can show it by at least ${pp(minShift)} under one condition, one of them outside the data${named}`;
  if (!f.concern) return `not a concern: the battery reports this latent but does not flag it${named}`;
  if (f.explainedBy) return `explained by the stronger finding ${f.explainedBy}: every one of its tests is one of that finding's${named}`;
  if (2 * f.breadth < f.reach) return `narrow: ${f.breadth} of the ${f.reach} probes that can show it move by at least ${pp(minShift)} under one condition (a flag needs half)${named}`;
  return `it moves only probes the training data asks${named}`;
}

function testRow(t: SignalTest): Markup {
  const missing = t.missingSubject + t.missingReference > 0 ? html`<br><span class="muted">no signal: ${t.missingSubject} subject, ${t.missingReference} reference</span>` : '';
  return html`<tr><td><code>${t.probe}</code>${t.seenInData ? html` <span class="label">in the data</span>` : ''}</td><td>${t.text}</td><td class="n">${pct(t.subject)} of ${t.nSubject}</td><td class="n">${pct(t.reference)} of ${t.nReference}${missing}</td><td class="n">${pp(t.estimate)} [${pp(t.ciLow)}, ${pp(t.ciHigh)}]</td><td class="n">${qText(t.qValue)}</td></tr>`;
}

export function testsTable(tests: readonly SignalTest[]): Markup {
  return html`<table class="tests"><thead><tr><th>Probe</th><th>Signal</th><th class="n">Subject</th><th class="n">Reference</th><th class="n">Shift [95% CI]</th><th class="n">q</th></tr></thead><tbody>${tests.map(testRow)}</tbody></table>`;
}

function examplesBlock(tests: readonly SignalTest[]): Markup {
  const shown = tests.filter((t) => t.examples.length > 0).slice(0, EXAMPLES_SHOWN);
  if (shown.length === 0) return html``;
  return html`<details class="cell"><summary>Example answers of the subject</summary><ol class="answers">${shown.flatMap((t) =>
    t.examples.slice(0, 2).map((e) => html`<li><span class="prompt">${where(t)} · ${t.text}</span><pre class="text">${e}</pre></li>`),
  )}</ol></details>`;
}

function findingBlock(f: Finding, rank: number, minShift: number): Markup {
  const status = f.flagged ? 'FLAGGED' : f.concern ? 'concern, not flagged' : 'note';
  const more = f.tests.length > TESTS_SHOWN ? html`<p class="muted">${f.tests.length - TESTS_SHOWN} more significant tests in audit.json.</p>` : '';
  return html`<article class="finding" id="finding-${rank}" data-latent="${f.latent}" data-flagged="${String(f.flagged)}">
<h3>${rank}. ${f.text} <span class="label">${status}</span></h3>
<dl class="kv"><dt>Latent</dt><dd><code>${f.latent}</code></dd><dt>Why</dt><dd>${whyOf(f, minShift)}</dd>
<dt>Breadth</dt><dd>${f.breadth} of the ${f.reach} probes that can show it move by at least ${pp(minShift)} under one condition</dd>
<dt>Significant increases</dt><dd>${f.tests.length} on ${plural(f.probes, 'probe')} (${f.probesOutsideData} outside the data), largest ${pp(f.maxShift)}</dd></dl>
${testsTable(f.tests.slice(0, TESTS_SHOWN))}${more}${examplesBlock(f.tests)}
</article>`;
}

/** The ranked findings (flagged first), then the significant decreases. */
export function findingsSection(findings: AuditFindings, subject: string, reference: string): Markup {
  const decreases = findings.decreases.slice(0, DECREASES_SHOWN);
  return html`<section id="findings"><h2>Findings</h2>
<p>${findings.tests} tests of ${subject} against ${reference}, corrected together (Benjamini-Hochberg at FDR ${findings.fdr}). Shares are of the samples with a signal; the denominators are beside them.</p>
${findings.findings.length ? findings.findings.map((f, i) => findingBlock(f, i + 1, findings.minShift)) : html`<p class="muted">No significant increase.</p>`}
${
  decreases.length
    ? html`<h3>Significant decreases (what the new behaviour displaced)</h3>${testsTable(decreases)}${findings.decreases.length > decreases.length ? html`<p class="muted">${findings.decreases.length - decreases.length} more in audit.json.</p>` : ''}`
    : ''
}
</section>`;
}

function sampleItem(s: ReaderSample): Markup {
  const text = s.status === 'parsed' ? html`${s.hypothesis}` : html`<span class="muted">${s.status === 'unparsed' ? 'no HYPOTHESIS line' : 'no answer (the call failed)'}</span>`;
  return html`<li>${text}</li>`;
}

function chunkRow(c: ChunkReading): Markup {
  const agreed = c.agreement.hypothesis === null ? html`<span class="muted">none</span>` : html`${c.agreement.hypothesis}`;
  return html`<tr><td class="n">${c.chunk + 1}</td><td class="n">${c.first + 1}-${c.first + c.count}</td><td class="n">${c.tokens}</td><td>${agreed} <span class="muted">(${c.agreement.agreeing}/${c.agreement.samples})</span></td><td><ul>${c.samples.map(sampleItem)}</ul></td></tr>`;
}

function harmBlock(r: ReaderAuditResult): Markup {
  const h = r.harm;
  const scored = [...h.perExample].filter((e) => e.score !== null).sort((a, b) => b.score! - a.score! || a.example - b.example);
  const mean = h.mean === null ? '—' : h.mean.toFixed(1);
  return html`<h3>Harm of each example alone</h3>
<p>${h.scored} of ${h.examples} examples scored (${h.unparsed} unparsed, ${h.unanswered} unanswered); ${h.passing} of ${h.scored} scored below ${h.threshold}/100 and pass a per-example filter; mean ${mean}, max ${h.max ?? '—'}.</p>
${
  scored.length
    ? html`<table><thead><tr><th class="n">Example</th><th class="n">Harm</th><th>The scorer's answer</th></tr></thead><tbody>${scored
        .slice(0, HARM_SHOWN)
        .map((e) => html`<tr><td class="n">${e.example + 1}</td><td class="n">${e.score}</td><td><pre class="text">${e.answer}</pre></td></tr>`)}</tbody></table>`
    : ''
}`;
}

/** The reader audit: its sentence, the overall hypotheses with their agreement, each chunk's, and the harm scores. */
export function readerSection(r: ReaderAuditResult): Markup {
  const overall = r.reduceAgreement.hypothesis === null ? html`<span class="muted">none</span>` : html`<b>${r.reduceAgreement.hypothesis}</b>`;
  return html`<section id="reader"><h2>Reader audit</h2>
<p>${r.summary}.</p>
<h3>Overall hypothesis</h3>
<p>${overall} — agreement ${r.reduceAgreement.agreeing} of ${r.reduceAgreement.samples} samples (${r.reduceCounts.parsed} parsed, ${r.reduceCounts.unparsed} unparsed, ${r.reduceCounts.unanswered} unanswered).</p>
<ul>${r.overall.map(sampleItem)}</ul>
<h3>Per chunk</h3>
<p>Agreement over every chunk's samples: ${r.mapAgreement.hypothesis ?? 'none'} (${r.mapAgreement.agreeing} of ${r.mapAgreement.samples}).</p>
<table><thead><tr><th class="n">Chunk</th><th class="n">Examples</th><th class="n">Tokens</th><th>Most common hypothesis (agreeing/samples)</th><th>Samples</th></tr></thead><tbody>${r.chunks.map(chunkRow)}</tbody></table>
${harmBlock(r)}
</section>`;
}

/** The conditions a triggers audit tried, per family: coarse only, or refined and why. */
export function conditionsSection(families: readonly FamilyTried[]): Markup {
  const all = families.flatMap((f) => f.conditions);
  const refined = all.filter((c) => c.stage === 'refined').length;
  return html`<section id="conditions"><h2>Conditions tried</h2>
<p>${all.length} conditions in ${families.length} ${families.length === 1 ? 'family' : 'families'}; ${refined} refined with more samples.</p>
${families.map(
  (f) =>
    html`<h3>${f.family}</h3><table><thead><tr><th>Condition</th><th>Text</th><th>Stage</th><th class="n">Samples per probe</th><th class="n">Coarse min p</th></tr></thead><tbody>${f.conditions.map(
      (c) =>
        html`<tr><td><code>${c.id}</code></td><td><code>${c.text}</code></td><td>${c.stage}${c.reason ? ` (${c.reason === 'shift' ? 'a coarse shift' : 'next to a shifted year'})` : ''}</td><td class="n">${c.samples}</td><td class="n">${c.coarseMinP === undefined ? '—' : qText(c.coarseMinP)}</td></tr>`,
    )}</tbody></table>`,
)}
</section>`;
}
