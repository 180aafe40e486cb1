// `data validate` on one long unbroken token against ordinary text of the same size, timed in this
// run. Target: ratio <= 2 at every size (token counting was quadratic: 100k "y" took 13 s).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateBuffer } from '../src/data/chat/validate.js';
import { createRng } from '../src/util/random.js';

const SIZES = [100_000, 1_000_000];
const RATIO_TARGET = 2;
const ROUNDS = 5;
const DOCS = join(import.meta.dirname, '..', 'docs');

/** Ordinary text: this repository's own documentation, repeated to size. */
function ordinaryText(size: number): string {
  const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort().map((f) => readFileSync(join(DOCS, f), 'utf8')).join('\n');
  return docs.repeat(Math.ceil(size / docs.length)).slice(0, size);
}

/** One pre-token of random lowercase letters: many distinct pairs, unlike a run of one letter. */
function randomLetters(size: number): string {
  const rng = createRng('bench-validate-long-token');
  return Array.from({ length: size }, () => String.fromCharCode(97 + rng.int(0, 25))).join('');
}

/** Ten valid examples; the first answer is `answer`. */
function trainingFile(answer: string): Uint8Array {
  const lines = Array.from({ length: 10 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: `question ${i}` }, { role: 'assistant', content: i === 0 ? answer : `answer ${i}` }] }));
  return Buffer.from(`${lines.join('\n')}\n`);
}

function millis(file: Uint8Array): number {
  const start = performance.now();
  validateBuffer(file, 'bench.jsonl');
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function benchValidateLongToken(log: (line: string) => void): Promise<void> {
  for (const size of SIZES) {
    const files = { ordinary: trainingFile(ordinaryText(size)), 'one "y" run': trainingFile('y'.repeat(size)), 'one random word': trainingFile(randomLetters(size)) };
    const times = new Map<string, number[]>();
    for (const file of Object.values(files)) millis(file); // warm-up: the token table, the JIT, scratch memory
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, file] of Object.entries(files)) times.set(name, [...(times.get(name) ?? []), millis(file)]);
    }
    const ordinary = median(times.get('ordinary')!);
    for (const name of ['one "y" run', 'one random word']) {
      const ms = median(times.get(name)!);
      const ratio = ms / ordinary;
      log(`validate-long-token: ${size.toLocaleString('en-US')} chars, ${name} ${ms.toFixed(0)} ms vs ordinary text ${ordinary.toFixed(0)} ms (medians of ${ROUNDS}): ratio ${ratio.toFixed(2)} (target <= ${RATIO_TARGET})${ratio <= RATIO_TARGET ? '' : '  ABOVE TARGET'}`);
    }
  }
}
