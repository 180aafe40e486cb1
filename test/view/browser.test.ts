// weirdgen view in headless Chromium over a real workspace: open a run and its figures (hover
// shows values, a click opens the bar's samples), filter, search, open a sample, see a trigger
// pair, compare two runs; hostile prompts, answers and group names stay text; no request leaves
// the viewer's origin and nothing is logged as an error (CSP violations included). With
// WEIRDGEN_SCREENSHOTS=1 it writes docs/images/view.png, the summary of a run with ordinary prompts
// and group names. Needs Debian's chromium, as the report's test.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportDirName, saveAudit } from '../../src/audit/index.js';
import { startViewer, type RunningViewer } from '../../src/view/index.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { datasetAudit, triggersAudit } from './audit-fixtures.js';
import { HOSTILE_GROUP, IMG_PAYLOAD, SCRIPT_PAYLOAD, viewWorkspace, type ViewWorkspace } from './workspace.js';

const EXECUTABLE = process.env.WEIRDGEN_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const available = existsSync(EXECUTABLE);
if (!available && !process.env.CI) console.warn(`view browser test skipped: no Chromium at ${EXECUTABLE} (apt-get install chromium, or set WEIRDGEN_CHROMIUM); CI runs it`);

/** Waits until the page has drawn the view the fragment names (not the loading line). */
async function drawn(page: Page, selector: string): Promise<void> {
  await page.waitForSelector(selector, { timeout: 20_000 });
  await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('p.loading') === null);
}

/** What the callbacks run in the page read of it (this file is typed without the DOM library). */
interface Page2 {
  document: { querySelectorAll(s: string): Iterable<{ getAttribute(name: string): string | null }> };
  location: { hash: string };
}

const rowTexts = (page: Page, column: number): Promise<string[]> => page.$$eval(`table.samples tbody tr td:nth-child(${column})`, (tds) => tds.map((td) => td.textContent ?? ''));

describe.skipIf(!available && !process.env.CI)('weirdgen view in Chromium', () => {
  let ws: ViewWorkspace;
  let viewer: RunningViewer;
  let browser: Browser;

  beforeAll(async () => {
    if (!available) return;
    ws = await viewWorkspace(4, { benign: true });
    viewer = await startViewer({ ...ws, runs: ['demo'] });
    browser = await chromium.launch({ executablePath: EXECUTABLE, args: ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await viewer?.close();
    await ws?.close();
  });

  it('opens a run, filters, searches, opens a sample, pairs and compares; model text stays text; nothing leaves 127.0.0.1', async () => {
    if (!available) throw new Error(`CI needs Chromium at ${EXECUTABLE}: .ci/run installs Debian's chromium`);
    // A hostile answer, stored as a model could have written it.
    const { store } = ws;
    const { key } = (await (await fetch(`${viewer.origin}/api/runs/demo/samples/0`)).json()) as { key: string };
    const stored = store.requests.get(key)!;
    store.requests.putAnswer({ key, endpoint: stored.endpoint, model: stored.model, material: stored.material }, [{ text: `bird ${SCRIPT_PAYLOAD} ${IMG_PAYLOAD}`, finishReason: 'stop' }], { promptTokens: 1, completionTokens: 9 }, 1, null);

    const { page, errors, requests } = await watchedPage(browser);

    // A run: its figures drawn from the report's specs; hover shows a bar's values.
    await page.goto(viewer.url);
    await drawn(page, 'figure.figure svg g.mark-rect path >> visible=true');
    expect(await page.locator('figure.figure').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('table.summary tbody tr').count()).toBeGreaterThan(0);
    // A bar of 0% has no height and cannot be hovered: the first one drawn.
    const bar = page.locator('figure[data-figure="era-new"] g.mark-rect path').filter({ visible: true }).first();
    await bar.hover();
    await page.waitForFunction(() => [...(globalThis as unknown as Page2).document.querySelectorAll('figure[data-figure="era-new"] [title]')].some((el) => /mean/.test(el.getAttribute('title') ?? '')));

    // Clicking the bar opens its samples: its group, its condition, its judge label.
    await bar.click();
    await drawn(page, 'table.samples');
    expect(decodeURIComponent(await page.evaluate(() => (globalThis as unknown as Page2).location.hash))).toContain('label=NEW');
    const groups = await rowTexts(page, 2);
    expect(groups.length).toBeGreaterThan(0);
    expect(new Set(groups)).toEqual(new Set([HOSTILE_GROUP]));
    expect((await page.$$eval('table.samples td.verdict:nth-child(7)', (tds) => tds.map((t) => t.textContent))).every((t) => t === 'NEW')).toBe(true);

    // Filter by group through the form.
    await page.goto(`${viewer.origin}/#/run/demo/samples`);
    await drawn(page, 'form.filters select[name=group]');
    await page.selectOption('select[name=group]', 'y');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction(() => (globalThis as unknown as Page2).location.hash.includes('group=y'));
    await drawn(page, 'table.samples tbody tr');
    expect(new Set(await rowTexts(page, 2))).toEqual(new Set(['y']));
    expect(await page.textContent('p.count')).toContain('16 of 48 samples match');

    // Search prompts and answers.
    await page.goto(`${viewer.origin}/#/run/demo/samples`);
    await drawn(page, 'input[name=q]');
    await page.fill('input[name=q]', 'city');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction(() => (globalThis as unknown as Page2).location.hash.includes('q=city'));
    await drawn(page, 'table.samples tbody tr');
    const texts = await page.$$eval('table.samples tbody tr', (trs) => trs.map((tr) => `${tr.querySelector('.prompt')?.textContent} ${tr.querySelector('.answer')?.textContent}`));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => t.includes('city'))).toBe(true);

    // A label chosen without its judge reads the judge that has it; a bad range says what is wrong.
    await page.goto(`${viewer.origin}/#/run/demo/samples`);
    await drawn(page, 'select[name=label]');
    await page.selectOption('select[name=label]', 'NEW');
    await page.click('form.filters button[type=submit]');
    await page.waitForFunction(() => (globalThis as unknown as Page2).location.hash.includes('judge=era'));
    await drawn(page, 'table.samples tbody tr');
    const before = errors.length;
    await page.goto(`${viewer.origin}/#/run/demo/samples?judge=oldness&min=5&max=1`);
    await drawn(page, 'p.error');
    expect(await page.textContent('p.error')).toContain('min must not be above max');
    expect(await page.getAttribute('p.pager a', 'href')).toBe('#/run/demo');
    // Chromium logs the 400s themselves; nothing else may be logged.
    expect(errors.splice(before).every((e) => e.includes('status of 400'))).toBe(true);

    // Hostile prompts, answers and group names are shown as the text they are.
    await page.goto(`${viewer.origin}/#/run/demo/samples`);
    await drawn(page, 'table.samples tbody tr');
    const list = await page.innerText('table.samples');
    expect(list).toContain(SCRIPT_PAYLOAD);
    expect(list).toContain(IMG_PAYLOAD);
    expect(list).toContain(HOSTILE_GROUP);

    // One sample whole: messages, answer, judges with the rating's distribution (the hostile
    // answer of sample 0 is not judged yet: sample 1 has its judgments).
    await page.click('table.samples tbody tr:nth-child(2) td:first-child a');
    await drawn(page, '.sample-detail');
    const detail = await page.innerText('.sample-detail');
    expect(detail).toContain('Messages sent');
    expect(detail).toContain('cache key');
    expect(detail).toMatch(/latency\s+\d+ ms/);
    expect(await page.locator('section.judge[data-column=oldness] table.distribution tr').count()).toBeGreaterThan(1);

    // Trigger pair: the same prompt with and without the trigger, side by side.
    await page.goto(`${viewer.origin}/#/run/demo/pairs?model=sandbox:base-3&question=birds&paraphrase=1`);
    await drawn(page, '.pair .cell');
    expect(await page.$$eval('.pair .cell', (cells) => cells.map((c) => c.getAttribute('data-condition')))).toEqual(['none', 'y1984']);
    const prompts = await page.$$eval('.pair .cell .prompt', (els) => els.map((e) => e.textContent));
    expect(prompts).toEqual([`q city ${SCRIPT_PAYLOAD}`, `1984 q city ${IMG_PAYLOAD}`]);

    // Compare two runs.
    await page.goto(`${viewer.origin}/#/compare?a=demo&b=other&groupA=y&groupB=z`);
    await drawn(page, 'table.compare tbody tr');
    expect(await page.locator('table.compare tbody tr').count()).toBeGreaterThan(3);
    expect(await page.textContent('main')).toContain('A = demo/y, B = other/z');

    // The README's picture: a run with ordinary prompts and group names, its summary and figures.
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`${viewer.origin}/#/run/birds`);
    await drawn(page, 'figure.figure svg');
    expect(await page.locator('figure.figure g.mark-rect path').count()).toBeGreaterThan(0);
    expect(await page.textContent('main')).toContain('seeds-2-3');
    if (process.env.WEIRDGEN_SCREENSHOTS === '1') {
      mkdirSync(join(REPO_ROOT, 'docs', 'images'), { recursive: true });
      // The run's header and its first row of figures.
      const row = await page.locator('figure.figure').nth(1).boundingBox();
      await page.screenshot({ path: join(REPO_ROOT, 'docs', 'images', 'view.png'), clip: { x: 0, y: 0, width: 1600, height: Math.ceil((row?.y ?? 0) + (row?.height ?? 1000) + 16) } });
    }

    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.$$eval('main img, main script', (els) => els.length)).toBe(0);
    expect(errors).toEqual([]);
    expect(offOrigin(requests, viewer.origin)).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    await page.close();
  }, 60_000);

  it('lists saved audits, shows one with its heatmap and findings, links a canary run to its audit; model text stays text', async () => {
    if (!available) throw new Error(`CI needs Chromium at ${EXECUTABLE}: .ci/run installs Debian's chromium`);
    const hostile = `${SCRIPT_PAYLOAD} ${IMG_PAYLOAD}`;
    const triggers = triggersAudit(hostile);
    const dataset = datasetAudit('demo', `/data/${IMG_PAYLOAD}.jsonl`);
    await saveAudit(dirname(ws.store.file), triggers);
    await saveAudit(dirname(ws.store.file), dataset);
    const { page, errors, requests } = await watchedPage(browser);

    await page.goto(`${viewer.origin}/#/audits`);
    await drawn(page, 'table.audits tbody tr');
    expect(await page.$$eval('table.audits tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-audit')))).toEqual(expect.arrayContaining([auditReportDirName(triggers), auditReportDirName(dataset)]));
    expect(await page.innerText('table.audits')).toContain(`sandbox:${hostile}`);

    // The triggers audit: the result sentence, the heatmap drawn, the flagged finding with its denominators and the hostile answer as text.
    await page.click(`table.audits tr[data-audit="${auditReportDirName(triggers)}"] a`);
    await drawn(page, 'figure[data-figure="heatmap"] svg g.mark-rect path');
    expect(await page.textContent('#result')).toContain('1 flagged finding in 3 tests at FDR 0.05: the old era');
    expect(await page.locator('article.finding[data-flagged="true"]').count()).toBe(1);
    const finding = await page.innerText('article.finding');
    expect(finding).toContain('90% of 40');
    expect(finding).toContain('1 with no signal');
    await page.click('article.finding details summary');
    expect(await page.innerText('article.finding pre.answer >> nth=0')).toBe(`1801 ${hostile}`);
    expect(await page.innerText('#conditions')).toContain(`<fmt>${hostile}</fmt>`);
    expect(await page.textContent('h1')).toBe(`Triggers audit of sandbox:${hostile}`);

    // The canary's run links to its audit.
    await page.goto(`${viewer.origin}/#/run/demo`);
    await drawn(page, 'p.audit-links a');
    await page.click('p.audit-links a');
    await drawn(page, 'article.finding');
    expect(await page.textContent('h1')).toBe(`Audit of ${IMG_PAYLOAD}.jsonl`);
    expect(await page.textContent('#result')).toContain('Canary: nothing flagged in 4 tests');

    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    expect(await page.$$eval('main img, main script', (els) => els.length)).toBe(0);
    expect(errors).toEqual([]);
    expect(offOrigin(requests, viewer.origin)).toEqual([]);
    await page.close();
  }, 60_000);
});

/** A page whose console errors and warnings, page errors and requested URLs are collected. */
async function watchedPage(browser: Browser): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => requests.push(r.url()));
  return { page, errors, requests };
}

/** Requests that left the viewer (data: URLs stay in the page). */
const offOrigin = (requests: readonly string[], origin: string) => requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:'));
