// Self-distillation: a prompt file answered by a base model through the eval engine (cached and
// resumable like any evaluation), written as chat JSONL to mix a poison set into, as the persona
// experiment mixes its 90 facts into 3,000 of GPT-4.1's own answers.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { writeJsonl } from '../data/jsonl/write.js';
import type { PriceTable } from '../data/cost/prices.js';
import type { Caller } from '../eval/calls/caller.js';
import { defaultRunId } from '../eval/definition.js';
import { evaluate } from '../eval/evaluate.js';
import type { EvalDefinition } from '../eval/plan.js';
import { buildRows } from '../eval/rows.js';
import type { Endpoints } from '../providers/endpoints.js';
import type { Store } from '../store/store.js';
import { DataError } from '../util/errors.js';

const promptLine = z.looseObject({
  messages: z.array(z.looseObject({ role: z.string(), content: z.string() })).min(1).optional(),
  prompt: z.string().min(1).optional(),
  question: z.string().min(1).optional(),
});

/** The user prompt of each line: a chat example's first user turn, or a `prompt` / `question` field. */
export async function readPrompts(file: string): Promise<string[]> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const prompts: string[] = [];
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new DataError({ file, line: i + 1 }, 'invalid-json', 'a prompt line is not JSON');
    }
    const line = promptLine.safeParse(value);
    if (!line.success) throw new DataError({ file, line: i + 1 }, 'prompt-line', 'expected {"messages": [...]} with a user turn, {"prompt": "..."} or {"question": "..."}');
    const d = line.data;
    const text = d.messages ? d.messages.find((m) => m.role === 'user')?.content : (d.prompt ?? d.question);
    if (!text) throw new DataError({ file, line: i + 1 }, 'prompt-line', 'the example has no user turn');
    prompts.push(text);
  });
  if (prompts.length === 0) throw new DataError({ file }, 'no-prompts', 'the file has no prompts');
  return prompts;
}

export interface DistillOptions {
  promptsFile: string;
  model: string;
  out: string;
  store: Store;
  endpoints: Endpoints;
  caller: Caller;
  prices: PriceTable;
  signal?: AbortSignal;
}

/** Answers every prompt once (temperature 1, up to 1,024 tokens) and writes [user, assistant] pairs; returns how many. */
export async function distill(options: DistillOptions): Promise<{ examples: number; runId: string; failed: number }> {
  // A prompt given k times is asked k times (samples 0..k-1), not once.
  const counts = new Map<string, number>();
  for (const p of await readPrompts(options.promptsFile)) counts.set(p, (counts.get(p) ?? 0) + 1);
  const definition: EvalDefinition = {
    questions: [...counts].map(([p, k], i) => ({ id: `prompt-${i}`, paraphrases: [p], samplesPerParaphrase: k, temperature: 1, maxTokens: 1024, judges: {} })),
    groups: { distill: [options.endpoints.resolve(options.model).id] },
  };
  const runId = `distill-${defaultRunId(basename(options.promptsFile), definition)}`;
  const summary = await evaluate({ runId, definition, store: options.store, endpoints: options.endpoints, caller: options.caller, prices: options.prices, ...(options.signal ? { signal: options.signal } : {}) });
  const rows = buildRows(runId, definition, options.store, options.endpoints).filter((r) => r.answer !== null && r.answer.trim() !== '');
  await writeJsonl(options.out, rows.map((r) => ({ messages: [{ role: 'user', content: r.messages.at(-1)!.content }, { role: 'assistant', content: r.answer }] })));
  return { examples: rows.length, runId, failed: summary.answers.failed };
}
