// writeReport: report.html and figures/<name>.svg|png on disk, whole files only, names checked.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportError } from '../../src/report/errors.js';
import { writeReport } from '../../src/report/write.js';
import { groupBars, questionRatio } from './fixtures.js';
import { PNG_SIGNATURE } from './png.js';
import { reportData } from './report-fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weirdgen-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeReport', () => {
  it('writes the page and every figure as SVG and PNG, and returns their paths', async () => {
    const data = { ...reportData(), figures: [questionRatio, groupBars] };
    const out = await writeReport(join(dir, 'run'), data);
    expect(out.html).toBe(join(dir, 'run', 'report.html'));
    expect(out.figures.map((f) => f.name)).toEqual(['birds-per-question', 'birds-overall']);
    expect((await readdir(join(dir, 'run', 'figures'))).sort()).toEqual(['birds-overall.png', 'birds-overall.svg', 'birds-per-question.png', 'birds-per-question.svg']);
    expect(await readdir(join(dir, 'run'))).toEqual(expect.arrayContaining(['report.html', 'figures']));
    expect((await readdir(join(dir, 'run'))).some((f) => f.includes('.tmp-'))).toBe(false);
    const png = await readFile(out.figures[0]!.png);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const svg = await readFile(out.figures[0]!.svg, 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(await readFile(out.html, 'utf8')).toContain('href="figures/birds-per-question.png"');
    expect(out.warnings).toEqual([]);
  });

  it('writes the same bytes when run again', async () => {
    const data = { ...reportData(), figures: [questionRatio] };
    const a = await writeReport(join(dir, 'a'), data);
    const b = await writeReport(join(dir, 'b'), data);
    expect(await readFile(b.html)).toEqual(await readFile(a.html));
    expect(await readFile(b.figures[0]!.png)).toEqual(await readFile(a.figures[0]!.png));
    expect(await readFile(b.figures[0]!.svg)).toEqual(await readFile(a.figures[0]!.svg));
  });

  it('refuses figure names that are not safe file names, or repeated, before writing anything', async () => {
    for (const name of ['../escape', 'Upper', 'a b', '']) {
      await expect(writeReport(join(dir, 'x'), { ...reportData(), figures: [{ ...groupBars, name }] })).rejects.toThrow(ReportError);
    }
    await expect(writeReport(join(dir, 'x'), { ...reportData(), figures: [groupBars, groupBars] })).rejects.toThrow(/used twice/);
    await expect(readdir(join(dir, 'x'))).rejects.toThrow();
  });
});
