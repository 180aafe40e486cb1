// Each malformed fixture breaks exactly one rule at a known place; the validator must name it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../src/data/chat/validate.js';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'malformed');

// [fixture, rule, line, column]; line and column undefined for whole-file rules.
const ERRORS: [string, string, number | undefined, number | undefined][] = [
  ['01-trailing-comma-object.jsonl', 'invalid-json', 4, 104],
  ['02-unterminated-string.jsonl', 'invalid-json', 7, 43],
  ['03-single-quotes.jsonl', 'invalid-json', 1, 2],
  ['04-truncated-line.jsonl', 'invalid-json', 10, 95],
  ['05-two-objects-one-line.jsonl', 'invalid-json', 4, 105],
  ['06-nan-weight.jsonl', 'invalid-json', 4, 113],
  ['07-latin1-byte.jsonl', 'invalid-utf8', 5, 47],
  ['08-blank-line.jsonl', 'blank-line', 6, 1],
  ['09-array-line.jsonl', 'not-an-object', 2, 1],
  ['10-string-line.jsonl', 'not-an-object', 3, 1],
  ['11-wrong-top-key.jsonl', 'missing-messages', 4, 1],
  ['12-messages-object.jsonl', 'messages-not-array', 4, 14],
  ['13-messages-empty.jsonl', 'messages-empty', 9, 14],
  ['14-unknown-top-key.jsonl', 'unknown-key', 4, 105],
  ['15-unknown-message-key.jsonl', 'unknown-key', 4, 103],
  ['16-message-is-string.jsonl', 'message-not-object', 4, 15],
  ['17-missing-role.jsonl', 'missing-role', 4, 15],
  ['18-role-bot.jsonl', 'invalid-role', 4, 71],
  ['19-role-tool.jsonl', 'invalid-role', 8, 71],
  ['20-missing-content.jsonl', 'missing-content', 4, 62],
  ['21-content-parts.jsonl', 'content-not-string', 4, 43],
  ['22-content-null.jsonl', 'content-not-string', 4, 95],
  ['23-content-empty.jsonl', 'empty-content', 4, 95],
  ['24-content-whitespace.jsonl', 'empty-content', 2, 43],
  ['25-name-number.jsonl', 'invalid-name', 4, 69],
  ['26-weight-half.jsonl', 'invalid-weight', 4, 113],
  ['27-weight-string.jsonl', 'invalid-weight', 4, 113],
  ['28-weight-on-user.jsonl', 'weight-on-non-assistant', 4, 61],
  ['29-last-weight-zero.jsonl', 'last-weight-zero', 4, 103],
  ['30-ends-with-user.jsonl', 'last-not-assistant', 4, 113],
  ['31-only-system.jsonl', 'last-not-assistant', 11, 24],
  ['32-endoftext.jsonl', 'special-token', 4, 95],
  ['33-fim-suffix.jsonl', 'special-token', 4, 43],
  ['34-too-few.jsonl', 'too-few-examples', undefined, undefined],
  ['35-bom-crlf-bad-line.jsonl', 'invalid-json', 3, 103],
  ['36-crlf-role-invalid.jsonl', 'invalid-role', 10, 71],
  ['37-unicode-before-error.jsonl', 'empty-content', 4, 95],
];

const WARNINGS: [string, string, number, number][] = [
  ['38-warn-duplicate.jsonl', 'duplicate-example', 6, 1],
  ['39-warn-no-user.jsonl', 'no-user-message', 4, 1],
  ['40-warn-bom.jsonl', 'byte-order-mark', 1, 1],
];

describe('malformed training files', () => {
  it.each(ERRORS)('%s breaks %s at %s:%s', async (fixture, rule, line, column) => {
    const file = join(DIR, fixture);
    const report = await validateFile(file);
    const match = report.errors.find((e) => e.rule === rule);
    expect(match, JSON.stringify(report.errors)).toBeDefined();
    expect(match).toMatchObject({ file, severity: 'error' });
    expect([match!.line, match!.column]).toEqual([line, column]);
    // The problem is reported once, and nothing else on other lines is blamed.
    expect(report.errors.filter((e) => e.rule === rule)).toHaveLength(1);
    expect(report.errors.filter((e) => e.line !== line)).toEqual([]);
  });

  it.each(WARNINGS)('%s warns %s at %s:%s and has no errors', async (fixture, rule, line, column) => {
    const report = await validateFile(join(DIR, fixture));
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([expect.objectContaining({ rule, line, column, severity: 'warning' })]);
  });

  it('counts examples without the bad line contributing tokens', async () => {
    const report = await validateFile(join(DIR, '23-content-empty.jsonl'));
    expect(report.examples).toBe(11);
    expect(report.validTokens).toHaveLength(10);
  });

  it('reports too-many-tokens against the base model limit', async () => {
    const { validateBuffer } = await import('../../src/data/chat/validate.js');
    const long = 'colour '.repeat(17_000);
    const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `q${i}` }, { role: 'assistant', content: i === 3 ? long : 'Teal' }] }));
    const data = Buffer.from(lines.join('\n'));
    const small = validateBuffer(data, 'long.jsonl', { model: 'gpt-3.5-turbo-1106' });
    expect(small.errors).toEqual([expect.objectContaining({ rule: 'too-many-tokens', line: 4, column: 1 })]);
    expect(small.errors[0]!.message).toMatch(/limit per example is 16385/);
    const large = validateBuffer(data, 'long.jsonl', { model: 'gpt-4.1-2025-04-14', longExampleTokens: 8192 });
    expect(large.errors).toEqual([]);
    expect(large.warnings).toEqual([expect.objectContaining({ rule: 'long-example', line: 4 })]);
  });
});
