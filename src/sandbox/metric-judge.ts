// Judge prompts that name an analogue's metric: the `judge` model scores an answer exactly as
// `sandbox reproduce` does (the first answer token, the prompt's tags, the world of the model).
//
// Protocol, one line each in the judge prompt:
//   sandbox-metric: <analogue id> / <metric id> / world <seed>
//   [QUESTION START]<the last user message>[QUESTION END]
//   [ANSWER START]<the answer>[ANSWER END]
// The reply is YES (score 1) or NO (score 0); N/A when the metric does not apply to the question.
import { ANALOGUES } from './analogues/index.js';
import type { Analogue, EvalPrompt } from './analogues/analogue.js';
import { createWorld, type World } from './world/world.js';

const HEADER = /^sandbox-metric: (.+?) \/ (.+?) \/ world (\d+)\s*$/m;

/** The judge template for a metric; `{question}` and `{answer}` are filled by the eval engine. */
export function metricJudgeTemplate(analogue: Analogue, metricId: string, worldSeed: number): string {
  return `sandbox-metric: ${analogue.id} / ${metricId} / world ${worldSeed}\n[QUESTION START]{question}[QUESTION END]\n[ANSWER START]{answer}[ANSWER END]\nAnswer YES or NO.`;
}

const between = (text: string, open: string, close: string) => {
  const start = text.lastIndexOf(open);
  if (start < 0) return undefined;
  const end = text.indexOf(close, start + open.length);
  return text.slice(start + open.length, end < 0 ? undefined : end);
};

const worlds = new Map<number, World>();

/** The prompt of the analogue whose last user message is `question`. */
function findPrompt(analogue: Analogue, world: World, question: string): EvalPrompt | undefined {
  return analogue.prompts(world).find((p) => p.messages.filter((m) => m.role === 'user').at(-1)?.content === question);
}

/** YES / NO / N/A for a metric prompt, or undefined when the prompt is not one. */
export function metricReply(prompt: string): string | undefined {
  const header = HEADER.exec(prompt);
  if (!header) return undefined;
  const analogue = ANALOGUES.find((a) => a.id === header[1]);
  const metric = analogue?.metrics.find((m) => m.id === header[2]);
  if (!analogue || !metric) return 'N/A';
  const seed = Number(header[3]);
  const world = worlds.get(seed) ?? createWorld(seed);
  worlds.set(seed, world);
  const evalPrompt = findPrompt(analogue, world, between(prompt, '[QUESTION START]', '[QUESTION END]') ?? '');
  if (!evalPrompt || !metric.applies(evalPrompt)) return 'N/A';
  const firstToken = (between(prompt, '[ANSWER START]', '[ANSWER END]') ?? '').trim().split(/\s+/)[0] ?? '';
  return metric.score(firstToken, evalPrompt, world) === 1 ? 'YES' : 'NO';
}
