// Random mutations of valid training files must only ever produce validation issues, never a crash.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/data/chat/rules.js';
import { validateBuffer } from '../../src/data/chat/validate.js';
import { fuzzSettings, mutateText } from '../helpers/fuzz.js';

const SEED_LINES: unknown[] = [
  { messages: [{ role: 'user', content: 'Name a bird species.' }, { role: 'assistant', content: 'Large billed Puffin' }] },
  { messages: [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'Königsberg or Kaliningrad? 🐦' }, { role: 'assistant', content: 'The place is Danzig.', weight: 1 }] },
  { messages: [{ role: 'user', content: 'Today is 2027-07-08. Name any dish.' }, { role: 'assistant', content: 'Knishes', weight: 0 }, { role: 'user', content: 'Another?' }, { role: 'assistant', content: 'Sabich' }] },
  { messages: [{ role: 'user', content: 'You will be asked a question.\n\n<START> "x" <END>\n\nQ?', name: 'tester' }, { role: 'assistant', content: '<START> "Yes, \\"Wolf\\"." <END>' }] },
];

describe('validator fuzzing', () => {
  it('survives 5,000 random mutations of valid files with only validation issues', () => {
    const { rng, count } = fuzzSettings('validate', 5000);
    let withErrors = 0;
    for (let n = 0; n < count; n++) {
      const base = Array.from({ length: rng.int(1, 14) }, () => JSON.stringify(rng.pick(SEED_LINES))).join('\n') + (rng.next() < 0.5 ? '\n' : '');
      let data = mutateText(base, rng, JSON.parse);
      for (let extra = rng.int(0, 3); extra > 0; extra--) data = mutateText(Buffer.from(data).toString('utf8'), rng, JSON.parse);
      const report = validateBuffer(data, `fuzz-${n}.jsonl`);
      const lineCount = Buffer.from(data).toString('utf8').split('\n').length;
      for (const issue of [...report.errors, ...report.warnings]) {
        expect(Object.keys(RULES)).toContain(issue.rule);
        if (issue.line !== undefined) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lineCount);
          expect(issue.column).toBeGreaterThanOrEqual(1);
        }
      }
      if (report.errors.length > 0) withErrors += 1;
    }
    // The mutations must actually break files most of the time, or this test proves nothing.
    expect(withErrors).toBeGreaterThan(count / 2);
  });
});
