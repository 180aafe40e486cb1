// Escaping: every data string reaches report.html as text, never as markup.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../src/report/escape.js';
import { renderReportHtml } from '../../src/report/html.js';
import { inlineSvg } from '../../src/report/inline-svg.js';
import type { FigureInput } from '../../src/report/figures/figure.js';
import { buildReport } from '../../src/report/write.js';
import { HOSTILE_ANSWER, IMG_PAYLOAD, reportData, SCRIPT_PAYLOAD } from './report-fixture.js';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(3.5)).toBe('3.5');
  });

  it('the html template escapes values and keeps markup built with it', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${[SCRIPT_PAYLOAD, raw('<br>')]}</p>`.html).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;script&gt;window.__pwned=1&lt;/script&gt;<br></p>',
    );
  });
});

describe('inlineSvg', () => {
  it('prefixes ids and their references so two figures never share a clip path', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"></g><use href="#clip1"/></svg>';
    const out = inlineSvg(svg, 'fig-a', 'A "title" <x>');
    expect(out).toContain('id="fig-a--clip1"');
    expect(out).toContain('clip-path="url(#fig-a--clip1)"');
    expect(out).toContain('href="#fig-a--clip1"');
    expect(out).toContain('aria-label="A &quot;title&quot; &lt;x&gt;"');
  });
});

describe('report.html', () => {
  it('shows hostile answers, names and prompts as text only', async () => {
    const report = await buildReport(reportData());
    const page = report.html;
    expect(page).not.toContain(SCRIPT_PAYLOAD);
    expect(page).not.toContain(IMG_PAYLOAD);
    expect(page).not.toContain('<b>not bold</b>');
    expect(page).not.toContain('modern<i>');
    expect(page).toContain(escapeHtml(HOSTILE_ANSWER));
    expect(page).toContain('&lt;b&gt;not bold&lt;/b&gt;');
    // Only our own markup: no script element and no image at all.
    expect(page).not.toMatch(/<script\b/i);
    expect(page).not.toMatch(/<img\b/i);
    expect(page).not.toMatch(/<[^>]*\son\w+=/i);
  });

  it('is self-contained: inline CSS and SVG, a policy that forbids scripts, no external URL', async () => {
    const { html: page, figures } = await buildReport(reportData());
    expect(page).toContain('<style>');
    expect(page.includes('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;')).toBe(true);
    expect(page).not.toMatch(/<link\b/i);
    const urls = [...page.matchAll(/(?:https?:)?\/\/[^\s"'<>)]+/g)].map((m) => m[0]);
    expect(urls.filter((u) => !u.startsWith('http://www.w3.org/'))).toEqual([]);
    for (const f of figures) expect(page).toContain(`data-figure="${f.name}"`);
    expect((page.match(/<svg\b/g) ?? []).length).toBe(figures.length);
  });

  it('lists configuration, provenance, tables and samples', () => {
    const data = reportData();
    const page = renderReportHtml(data, []);
    for (const text of ['Configuration', 'birds-3f2a9c', 'learning_rate_multiplier', 'a'.repeat(64), 'ftjob-2', 'ft:base-1:old:s1', 'Judge prompts', 'Pooled &lt;ratio&gt;', '(2 of 12)', 'No answer.', 'PCG64', '§3.1; App. B'])
      expect(page).toContain(text);
  });

  it('shows the denominator and shares in every table, and marks a figure with a warned cell', async () => {
    const verdicts = { counted: 40, unparsed: 0.6, refusal: 0.02, noAnswer: 0.1, excluded: ['unparsed', 'refusal'], warning: '62.0% of 100 answers unparsed or refused' };
    const { warning: _warning, ...calm } = { ...verdicts, unparsed: 0, refusal: 0 };
    const data = reportData();
    const figure: FigureInput = {
      name: 'warned',
      kind: 'group-bars',
      data: { title: 'Warned', metric: { title: 'share' }, bars: [{ group: `${SCRIPT_PAYLOAD}`, stat: { mean: 0.2, ciLow: 0.1, ciHigh: 0.3, n: 40, over: 'samples', verdicts } }, { group: 'calm', stat: { mean: 0.2, ciLow: 0.1, ciHigh: 0.3, n: 40, over: 'samples', verdicts: calm } }] },
    };
    const { html: page } = await buildReport({ ...data, figures: [figure] });
    const block = page.slice(page.indexOf('data-figure="warned"'), page.indexOf('</figure>'));
    expect(block).toContain('<th class="n">Answers counted</th><th class="n">Unparsed</th><th class="n">Refusal</th><th class="n">No answer</th>');
    expect(block).toMatch(/<td class="n">40<\/td><td class="n">60\.0%<\/td><td class="n">2\.0%<\/td><td class="n">10\.0%<\/td><td>unparsed, refusal<\/td>/);
    expect(block).toContain('<tr class="warn">');
    expect(block).toContain('⚠ 1 cell has over 5% unparsed or refused answers');
    expect(block).toContain(`<li>⚠ share · ${escapeHtml(SCRIPT_PAYLOAD)}: 62.0% of 100 answers unparsed or refused</li>`);
    expect(page).not.toContain(SCRIPT_PAYLOAD);
    // The warning sits outside the collapsed table.
    expect(block.indexOf('class="warnings"')).toBeLessThan(block.indexOf('<details class="table">'));
  });

  it('is the same bytes for the same data', async () => {
    const a = await buildReport(reportData());
    const b = await buildReport(reportData());
    expect(b.html).toBe(a.html);
  });
});

describe('the page leads with the result', () => {
  it('shows the banner, the headline sentences and the key figure before configuration and provenance; names what is missing', async () => {
    const data = { ...reportData(), banner: 'Sandbox analogue: <tiny> models', headline: ['p19: old 60% [95% CI 50%, 70%] against base 2% (p < 0.0001).'], missing: ['the run’s plan'] };
    const page = (await buildReport(data)).html;
    const at = (text: string) => page.indexOf(text);
    expect(at('class="banner"')).toBeGreaterThan(0);
    expect(page).toContain('Sandbox analogue: &lt;tiny&gt; models');
    expect(at('class="banner"')).toBeLessThan(at('<section id="result">'));
    expect(at('p19: old 60% [95% CI 50%, 70%] against base 2% (p &lt; 0.0001).')).toBeGreaterThan(at('<section id="result">'));
    expect(at('<section id="result">')).toBeLessThan(at('<figure'));
    expect(at('<figure')).toBeLessThan(at('<section id="configuration">'));
    expect(at('<section id="samples">')).toBeLessThan(at('<section id="configuration">'));
    expect(at('<section id="configuration">')).toBeLessThan(at('<section id="provenance">'));
    expect(page).toContain('Not in this report');
  });
});
