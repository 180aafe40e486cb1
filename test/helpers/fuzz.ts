// Seeded mutations of text inputs for fuzz tests: byte flips, cuts, junk, truncation, duplicated
// lines, BOMs, CRLF, invalid UTF-8, long tokens, deep nesting, huge numbers, and JSON-aware edits.
import { createRng, type Rng } from '../../src/util/random.js';

export const JUNK_VALUES: unknown[] = [null, 0, 1, 0.5, -3, 1e308, -1e308, 2 ** 53 + 1, true, '', ' ', 'bot', 'assistant', '<|endoftext|>', [], {}, [1, 2], { role: 'user' }, 'x'.repeat(50)];
const JUNK_BYTES = ['\n', '\r', '\r\n', '"', '{', '}', '[', ']', ',', ':', '\\', '\u00e9', '🐦', '\uFEFF', ' ', 'NaN', "'", '&a', '*a', '!!binary', '- ', '? ', '%YAML 1.1\n', '\t'];

/** A fuzz run's seed and size: `FUZZ_SEED` and `FUZZ_COUNT` raise them for a longer local run. */
export function fuzzSettings(name: string, count: number): { rng: Rng; count: number; seed: string } {
  const seed = `${name}/${process.env.FUZZ_SEED ?? 'ci'}`;
  return { rng: createRng(seed), count: Number(process.env.FUZZ_COUNT ?? count), seed };
}

/** One random edit of a parsed JSON value: a node replaced, removed, or a key added. */
export function mutateJson(value: unknown, rng: Rng): unknown {
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
  } else if (!Array.isArray(parent)) parent[rng.pick(['weight', 'name', 'extra', 'content', 'role', 'n', 'max_tokens', 'temperature'])] = rng.pick(JUNK_VALUES);
  return copy;
}

/** One random edit of a text, as bytes (some edits are not valid UTF-8). */
export function mutateText(text: string, rng: Rng, parseLine?: (line: string) => unknown): Buffer {
  if (text.length === 0) return Buffer.from(rng.pick(JUNK_BYTES));
  const lines = text.split('\n');
  const i = rng.int(0, lines.length - 1);
  const at = rng.int(0, text.length);
  switch (rng.int(0, 12)) {
    case 0: {
      const bytes = Buffer.from(text);
      bytes[rng.int(0, bytes.length - 1)] = rng.int(0, 255);
      return bytes;
    }
    case 1:
      return Buffer.from(text.slice(0, at) + text.slice(Math.min(text.length, at + rng.int(1, 40))));
    case 2:
      return Buffer.from(text.slice(0, at) + rng.pick(JUNK_BYTES) + text.slice(at));
    case 3:
      return Buffer.from(text.slice(0, at));
    case 4:
      lines.splice(rng.int(0, lines.length), 0, lines[i]!);
      return Buffer.from(lines.join(rng.pick(['\n', '\r\n'])));
    case 5: {
      if (!parseLine) return Buffer.from(text.replace(/\n/g, '\r\n'));
      let parsed: unknown;
      try {
        parsed = parseLine(lines[i]!);
      } catch {
        parsed = {};
      }
      lines[i] = JSON.stringify(mutateJson(parsed, rng));
      return Buffer.from(lines.join('\n'));
    }
    case 6:
      return Buffer.concat([Buffer.from([rng.int(0, 255), rng.int(0, 255)]), Buffer.from(text)]);
    case 7:
      return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text.slice(at))]);
    case 8:
      return Buffer.from(`\uFEFF${text}`);
    case 9:
      return Buffer.from(text.slice(0, at) + 'y'.repeat(rng.int(1_000, 100_000)) + text.slice(at));
    case 10: {
      const depth = rng.int(100, 5_000);
      return Buffer.from(text.slice(0, at) + '['.repeat(depth) + ']'.repeat(rng.next() < 0.5 ? depth : 0) + text.slice(at));
    }
    case 11:
      return Buffer.from(text.slice(0, at) + rng.pick(['1e999999', '-0', '99999999999999999999999999', '0x7fffffff', '.inf', 'NaN']) + text.slice(at));
    default:
      return Buffer.from(lines.slice(0, i).join('\n') + '\n\n' + lines.slice(i).join('\n'));
  }
}

/** A YAML document of aliases that expand exponentially: `levels` levels of `width` references. */
export function aliasBomb(levels: number, width: number): string {
  const lines = [`a0: &a0 [${Array.from({ length: width }, () => '"x"').join(', ')}]`];
  for (let l = 1; l < levels; l++) lines.push(`a${l}: &a${l} [${Array.from({ length: width }, () => `*a${l - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

/** A block sequence nested `depth` levels deep. */
export function deepBlockSequence(depth: number): string {
  return Array.from({ length: depth }, (_, d) => `${' '.repeat(d * 2)}- `).join('\n') + 'x\n';
}
