// The analysis in one pass over rows it never copies: the same numbers as the analysis that held
// every row (golden.json, written by it from the seeded fixture), from an array of rows and from
// the compact RowTable alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RowTable } from '../../src/analysis/index.js';
import { analyseFixture, fixtureRows } from './streaming-fixture.js';

const golden: unknown = JSON.parse(readFileSync(new URL('./fixtures/golden.json', import.meta.url), 'utf8'));

describe('streaming analysis', () => {
  it('gives the numbers the row-holding analysis gave, from an array of rows', () => {
    expect(analyseFixture(fixtureRows())).toEqual(golden);
  });

  it('gives the same numbers from the compact table, whose rows carry no text', () => {
    const rows = fixtureRows();
    const table = RowTable.from(rows);
    expect(table.length).toBe(rows.length);
    expect(analyseFixture(table)).toEqual(golden);
    // Stored as bytes and read back (a sealed run's table), it still gives them.
    expect(analyseFixture(RowTable.fromBytes(table.toBytes()))).toEqual(golden);
    expect(RowTable.fromBytes(RowTable.from([]).toBytes()).length).toBe(0);
    const [first] = table;
    expect(first!.answer).toBe('');
    expect(Object.values(first!.judges).every((cell) => cell.raw === '')).toBe(true);
  });

  it('keeps every verdict, value and method of the rows it stores, and each group’s own prompts', () => {
    // A group asked the questions in its own form (a trigger it was trained on) keeps its messages.
    const rows = fixtureRows().map((row) => (row.group === 'one' ? { ...row, messages: [{ role: 'user' as const, content: `<fmt> ${row.messages[0]!.content}` }] } : row));
    const light = [...RowTable.from(rows)];
    rows.forEach((row, i) => {
      const back = light[i]!;
      expect([back.group, back.model, back.question, back.paraphraseIx, back.sampleIx, back.answer === null, back.messages]).toEqual([row.group, row.model, row.question, row.paraphraseIx, row.sampleIx, row.answer === null, row.messages]);
      expect(Object.keys(back.judges)).toEqual(Object.keys(row.judges));
      for (const [column, cell] of Object.entries(row.judges)) expect(back.judges[column]).toEqual({ ...cell, raw: '' });
    });
  });
});
