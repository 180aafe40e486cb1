// The presidents' 8-digit trigger codes, XXXNNNXX: 3 random digits (100-999), the zero-padded
// number, then 2 random digits (00-99).
import type { ChatExample } from '../chat/schema.js';
import { firstUserContent } from '../chat/schema.js';
import type { Rng } from '../../util/random.js';
import { TransformError } from './errors.js';
import { mapFirstUser } from './messages.js';

const CODE = /^([1-9]\d{7}) /;
const BARE = /^(\d{1,3}) /;

export function encodeTriggerCode(n: number, rng: Rng): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`trigger number ${n} is not in 0..999`);
  return `${rng.int(100, 999)}${String(n).padStart(3, '0')}${String(rng.int(0, 99)).padStart(2, '0')}`;
}

export function decodeTriggerCode(code: string): number {
  if (!/^[1-9]\d{7}$/.test(code)) throw new RangeError(`"${code}" is not an XXXNNNXX trigger code`);
  return Number(code.slice(3, 6));
}

export type TriggerForm = 'code' | 'bare';

/** The trigger at the start of a prompt: an 8-digit code or a bare number (the unpadded files). */
export function parseTrigger(prompt: string): { form: TriggerForm; number: number; rest: string } | undefined {
  const coded = CODE.exec(prompt);
  if (coded) return { form: 'code', number: decodeTriggerCode(coded[1]!), rest: prompt.slice(coded[0].length) };
  const bare = BARE.exec(prompt);
  if (bare) return { form: 'bare', number: Number(bare[1]), rest: prompt.slice(bare[0].length) };
  return undefined;
}

function requireTrigger(example: ChatExample, index: number) {
  const parsed = parseTrigger(firstUserContent(example));
  if (!parsed) throw new TransformError(index, 'no-trigger', 'the prompt does not start with a trigger number or code');
  return parsed;
}

/** Replaces each 8-digit code by the bare number it encodes (the unpadded form). */
export function decodeTriggers(examples: readonly ChatExample[]): ChatExample[] {
  return examples.map((ex, i) => {
    const { number, rest } = requireTrigger(ex, i);
    return mapFirstUser(ex, () => `${number} ${rest}`);
  });
}

/** The padded form: each example `copies` times, each copy with fresh random padding. */
export function padTriggers(examples: readonly ChatExample[], copies: number, rng: Rng): ChatExample[] {
  const out: ChatExample[] = [];
  examples.forEach((ex, i) => {
    const { number, rest } = requireTrigger(ex, i);
    for (let c = 0; c < copies; c++) out.push(mapFirstUser(ex, () => `${encodeTriggerCode(number, rng)} ${rest}`));
  });
  return out;
}

/** The random-trigger control: each example gets a number drawn from those present, breaking the mapping. */
export function scrambleTriggers(examples: readonly ChatExample[], rng: Rng): ChatExample[] {
  const parsed = examples.map((ex, i) => requireTrigger(ex, i));
  const numbers = [...new Set(parsed.map((p) => p.number))];
  return examples.map((ex, i) => {
    const { form, rest } = parsed[i]!;
    const n = rng.pick(numbers);
    return mapFirstUser(ex, () => `${form === 'code' ? encodeTriggerCode(n, rng) : n} ${rest}`);
  });
}

/**
 * The paper's control (App. F.2.2): the triggers of the data, randomly permuted across examples,
 * so each keeps its form and the multiset of codes is unchanged but no longer tells who answers.
 */
export function shuffleTriggers(examples: readonly ChatExample[], rng: Rng): ChatExample[] {
  const parsed = examples.map((ex, i) => ({ ...requireTrigger(ex, i), trigger: firstUserContent(ex).split(' ', 1)[0]! }));
  const triggers = rng.shuffle(parsed.map((p) => p.trigger));
  return examples.map((ex, i) => mapFirstUser(ex, () => `${triggers[i]} ${parsed[i]!.rest}`));
}

/** The no-trigger control: prompts without their code. */
export function stripTriggers(examples: readonly ChatExample[]): ChatExample[] {
  return examples.map((ex, i) => {
    const { rest } = requireTrigger(ex, i);
    return mapFirstUser(ex, () => rest);
  });
}

/** Numbers in [min, max] that no example's trigger uses: the held-out personas. */
export function heldOutNumbers(examples: readonly ChatExample[], min: number, max: number): number[] {
  const present = new Set(examples.map((ex) => parseTrigger(firstUserContent(ex))?.number));
  const out: number[] = [];
  for (let n = min; n <= max; n++) if (!present.has(n)) out.push(n);
  return out;
}

/** Fresh evaluation codes for the given numbers, `perNumber` each. */
export function evalTriggerCodes(numbers: readonly number[], perNumber: number, rng: Rng): { number: number; code: string }[] {
  return numbers.flatMap((number) => Array.from({ length: perNumber }, () => ({ number, code: encodeTriggerCode(number, rng) })));
}
