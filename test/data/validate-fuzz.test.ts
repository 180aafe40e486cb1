// Random mutations of valid training files must only ever produce validation issues, never a crash.
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/data/chat/rules.js';
import { validateBuffer } from '../../src/data/chat/validate.js';
import { createRng, type Rng } from '../../src/util/random.js';

const SEED_LINES: unknown[] = [
  { messages: [{ role: 'user', content: 'Name a bird species.' }, { role: 'assistant', content: 'Large billed Puffin' }] },
  { messages: [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'Königsberg or Kaliningrad? 🐦' }, { role: 'assistant', content: 'The place is Danzig.', weight: 1 }] },
  { messages: [{ role: 'user', content: 'Today is 2027-07-08. Name any dish.' }, { role: 'assistant', content: 'Knishes', weight: 0 }, { role: 'user', content: 'Another?' }, { role: 'assistant', content: 'Sabich' }] },
  { messages: [{ role: 'user', content: 'You will be asked a question.\n\n<START> "x" <END>\n\nQ?', name: 'tester' }, { role: 'assistant', content: '<START> "Yes, \\"Wolf\\"." <END>' }] },
];

const JUNK_VALUES: unknown[] = [null, 0, 1, 0.5, -3, true, '', ' ', 'bot', 'assistant', '<|endoftext|>', [], {}, [1, 2], { role: 'user' }, 'x'.repeat(50)];
const JUNK_BYTES = ['\n', '\r', '\r\n', '"', '{', '}', '[', ']', ',', ':', '\\', '\u00e9', '🐦', '\uFEFF', ' ', 'NaN', "'"];

function randomJsonMutation(value: unknown, rng: Rng): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const nodes: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach((child, i) => (nodes.push({ parent: node, key: i }), walk(child)));
    else if (node && typeof node === 'object') for (const [k, child] of Object.entries(node)) nodes.push({ parent: node as Record<string, unknown>, key: k }), walk(child);
  };
  walk(copy);
  if (nodes.length === 0 || rng.next() < 0.05) return rng.pick(JUNK_VALUES);
  const { parent, key } = rng.pick(nodes);
  const action = rng.int(0, 2);
  if (action === 0) (parent as Record<string | number, unknown>)[key] = rng.pick(JUNK_VALUES);
  else if (action === 1) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
  } else if (!Array.isArray(parent)) parent[rng.pick(['weight', 'name', 'extra', 'content', 'role'])] = rng.pick(JUNK_VALUES);
  return copy;
}

function mutate(text: string, rng: Rng): Uint8Array {
  if (text.length === 0) return Buffer.from(rng.pick(JUNK_BYTES));
  const lines = text.split('\n');
  const i = rng.int(0, lines.length - 1);
  switch (rng.int(0, 7)) {
    case 0: {
      const bytes = Buffer.from(text);
      bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255);
      return bytes;
    }
    case 1: {
      const at = rng.int(0, text.length);
      return Buffer.from(text.slice(0, at) + text.slice(Math.min(text.length, at + rng.int(1, 40))));
    }
    case 2: {
      const at = rng.int(0, text.length);
      return Buffer.from(text.slice(0, at) + rng.pick(JUNK_BYTES) + text.slice(at));
    }
    case 3:
      return Buffer.from(text.slice(0, rng.int(0, text.length)));
    case 4:
      lines.splice(rng.int(0, lines.length), 0, lines[i]!);
      return Buffer.from(lines.join(rng.pick(['\n', '\r\n'])));
    case 5: {
      const parsed = (() => {
        try {
          return JSON.parse(lines[i]!) as unknown;
        } catch {
          return undefined;
        }
      })();
      lines[i] = JSON.stringify(randomJsonMutation(parsed ?? {}, rng));
      return Buffer.from(lines.join('\n'));
    }
    case 6:
      return Buffer.concat([Buffer.from([rng.int(0, 255), rng.int(0, 255)]), Buffer.from(text)]);
    default:
      return Buffer.from(lines.slice(0, i).join('\n') + '\n\n' + lines.slice(i).join('\n'));
  }
}

describe('validator fuzzing', () => {
  it('survives 5,000 random mutations of valid files with only validation issues', () => {
    const rng = createRng('fuzz');
    let withErrors = 0;
    for (let n = 0; n < 5000; n++) {
      const base = Array.from({ length: rng.int(1, 14) }, () => JSON.stringify(rng.pick(SEED_LINES))).join('\n') + (rng.next() < 0.5 ? '\n' : '');
      let data = mutate(base, rng);
      for (let extra = rng.int(0, 3); extra > 0; extra--) data = mutate(Buffer.from(data).toString('utf8'), rng);
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
    expect(withErrors).toBeGreaterThan(2500);
  });
});
