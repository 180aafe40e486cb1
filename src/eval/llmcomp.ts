// Importer for the paper authors' llmcomp YAML: a list of free_form questions and the judges they name.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { MAX_SAMPLES } from '../util/counts.js';
import { parseYamlBytes, validateYaml, type LocatedYaml } from '../config/index.js';
import { ConfigError } from '../util/errors.js';
import { judgeTemplateSchema } from './judges/schema.js';
import { readSiblings, type UnreadableSibling } from './llmcomp-siblings.js';
import { JUDGE_DEFAULTS, type JudgeSpec } from './judges/spec.js';
import { judgeColumnProblem, QUESTION_DEFAULTS, questionIdSchema, type Question } from './question.js';

/** llmcomp names entries by `id` (older releases) or `name` (newer ones); exactly one must be present. */
const named = { id: questionIdSchema.optional(), name: questionIdSchema.optional() };
const judgeOnly = { model: z.string().min(1), paraphrases: z.array(judgeTemplateSchema).length(1, 'a judge has exactly one paraphrase: its template'), samples_per_paraphrase: z.literal(1).optional() };

const freeFormSchema = z.strictObject({
  ...named,
  type: z.literal('free_form'),
  paraphrases: z.array(z.string().min(1)).min(1),
  samples_per_paraphrase: z.int().min(1).max(MAX_SAMPLES).optional(),
  judges: z.record(z.string(), z.string().min(1)).optional(),
  system: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.int().min(1).optional(),
});

const freeFormJudgeSchema = z.strictObject({
  ...named,
  ...judgeOnly,
  type: z.literal('free_form_judge'),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.int().min(1).optional(),
});

const ratingJudgeSchema = z.strictObject({
  ...named,
  ...judgeOnly,
  type: z.literal('rating_judge'),
  min_rating: z.int().optional(),
  max_rating: z.int().optional(),
  refusal_threshold: z.number().gt(0).max(1).optional(),
  top_logprobs: z.int().min(1).max(20).optional(),
});

const entrySchema = z
  .discriminatedUnion('type', [freeFormSchema, freeFormJudgeSchema, ratingJudgeSchema], {
    error: 'type must be free_form, free_form_judge or rating_judge',
  })
  .superRefine((entry, ctx) => {
    if ((entry.id === undefined) === (entry.name === undefined)) ctx.addIssue({ code: 'custom', message: 'give each entry exactly one of `id:` and `name:`' });
  });

type Entry = z.infer<typeof entrySchema>;
type JudgeEntry = Exclude<Entry, { type: 'free_form' }>;

const entryId = (entry: Entry): string => (entry.id ?? entry.name)!;

const listSchema = z.array(entrySchema).superRefine((entries, ctx) => {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const id = entryId(entry);
    const first = seen.get(id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, entry.id !== undefined ? 'id' : 'name'], message: `duplicate id "${id}" (first used by entry [${first}])` });
    else seen.set(id, i);
  });
});

export interface LlmcompSource {
  file: string;
  yaml: LocatedYaml;
}

export interface ImportOptions {
  unreadable?: readonly UnreadableSibling[];
  /** Told of each unreadable sibling skipped. */
  onWarning?: (message: string) => void;
  judgeFixes?: Readonly<Record<string, string>>;
}

/** A judge defined somewhere in the directory. */
interface JudgeOrigin {
  judge: JudgeSpec;
  file: string;
}

/** llmcomp passes bare OpenAI names (`gpt-4.1`, `ft:gpt-4.1:org::id`); weirdgen references name their endpoint. */
export function llmcompModelRef(model: string): string {
  return /^[a-z][a-z0-9-]*:/.test(model) && !model.startsWith('ft:') ? model : `openai:${model}`;
}

/** `ANSWER: WORD` lines in a template: the labels a reason-then-answer judge chooses from. */
export function finalLineLabels(template: string): string[] {
  return [...new Set([...template.matchAll(/^[ \t]*ANSWER:[ \t]*([A-Za-z0-9_][\w-]*)[ \t]*$/gm)].map((m) => m[1]!))];
}

function toJudge(entry: JudgeEntry): JudgeSpec {
  const id = entryId(entry);
  const model = llmcompModelRef(entry.model);
  const template = entry.paraphrases[0]!;
  if (entry.type === 'rating_judge') {
    const d = JUDGE_DEFAULTS.rating;
    return { kind: 'rating', id, model, template, min: entry.min_rating ?? d.min, max: entry.max_rating ?? d.max, topLogprobs: entry.top_logprobs ?? d.topLogprobs, refusalThreshold: entry.refusal_threshold ?? d.refusalThreshold, fallbackSamples: d.fallbackSamples };
  }
  const labels = finalLineLabels(template);
  const temperature = entry.temperature ?? JUDGE_DEFAULTS.classify.temperature;
  const maxTokens = entry.max_tokens ?? JUDGE_DEFAULTS.classify.maxTokens;
  // llmcomp compares the judge's raw reply, so without ANSWER lines any reply is a label.
  return labels.length > 0 ? { kind: 'final-line', id, model, template, labels, temperature, maxTokens } : { kind: 'classify', id, model, template, temperature, maxTokens };
}

function judgesOf(file: string, entries: readonly Entry[]): [string, JudgeOrigin][] {
  return entries.flatMap((e): [string, JudgeOrigin][] => (e.type === 'free_form' ? [] : [[entryId(e), { judge: toJudge(e), file }]]));
}

/**
 * Judge ids the paper's repository references but never defines, and the judge each one means
 * (Nzi_Ideology_questions.yaml names `em_score_judge`; PAPER.md §4(b)). Used only when the id itself is undefined.
 */
export const LLMCOMP_JUDGE_FIXES: Readonly<Record<string, string>> = { em_score_judge: 'em_alignment_judge' };

/** Whether a parsed YAML document is an llmcomp list (rather than, say, a config mapping). */
export function isLlmcompList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

/** The entries of a sibling list, or why they cannot be read. */
function siblingEntries(source: LlmcompSource): Entry[] | UnreadableSibling {
  try {
    return validateYaml(source.yaml, listSchema, source.file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const value = source.yaml.value as unknown[];
    const mentions = (id: string) => value.some((e) => typeof e === 'object' && e !== null && ((e as Record<string, unknown>).id === id || (e as Record<string, unknown>).name === id));
    return { file: source.file, error, mentions };
  }
}

/**
 * The free_form questions of `target`, with judge ids resolved against every source (llmcomp looks judges
 * up across its whole YAML directory). Sources that are not lists are ignored; a sibling list that does not
 * validate is skipped with a warning, unless a judge the target needs is only there; a malformed target is an error.
 */
export function importLlmcomp(target: LlmcompSource, siblings: readonly LlmcompSource[] = [], options: ImportOptions = {}): Question[] {
  const judgeFixes = options.judgeFixes ?? LLMCOMP_JUDGE_FIXES;
  const defined = new Map<string, JudgeOrigin[]>();
  const add = ([id, origin]: [string, JudgeOrigin]): void => {
    defined.set(id, [...(defined.get(id) ?? []), origin]);
  };
  const unreadable = [...(options.unreadable ?? [])];
  const lists = siblings.filter((s) => s.file !== target.file && isLlmcompList(s.yaml.value));
  for (const source of lists) {
    const entries = siblingEntries(source);
    if (Array.isArray(entries)) judgesOf(source.file, entries).forEach(add);
    else unreadable.push(entries);
  }
  const searched = [target, ...lists.filter((s) => !unreadable.some((u) => u.file === s.file))].map((s) => basename(s.file));
  const own = validateYaml(target.yaml, listSchema, target.file);
  judgesOf(target.file, own).forEach(add);
  const lookup = (id: string): JudgeOrigin[] => {
    const fix = Object.hasOwn(judgeFixes, id) && !defined.has(id) ? judgeFixes[id] : undefined;
    return defined.get(fix ?? id) ?? [];
  };
  const unknownJudge = (id: string): string => {
    const there = unreadable.filter((u) => u.mentions(id) || (Object.hasOwn(judgeFixes, id) && u.mentions(judgeFixes[id]!)));
    if (there.length === 0) return `unknown judge "${id}" (searched ${searched.join(', ')})`;
    return `judge "${id}" is defined only in ${there.map((u) => basename(u.file)).join(', ')}, which cannot be read: ${there.map((u) => u.error.message.split('\n')[0]).join('; ')}`;
  };
  const resolved = listSchema.superRefine((entries, ctx) => {
    entries.forEach((entry, i) => {
      if (entry.type !== 'free_form') return;
      for (const [column, id] of Object.entries(entry.judges ?? {})) {
        const path = [i, 'judges', column];
        const problem = judgeColumnProblem(column);
        if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
        const origins = lookup(id);
        if (origins.length === 0) {
          const what = own.some((e) => entryId(e) === id) ? `"${id}" is a free_form question, not a judge` : unknownJudge(id);
          ctx.addIssue({ code: 'custom', path, message: `question "${entryId(entry)}": ${what}` });
        } else if (origins.length > 1) {
          ctx.addIssue({ code: 'custom', path, message: `question "${entryId(entry)}": judge "${id}" is defined in several files: ${origins.map((o) => basename(o.file)).join(', ')}` });
        }
      }
    });
  });
  const questions = validateYaml(target.yaml, resolved, target.file).flatMap((entry): Question[] => {
    if (entry.type !== 'free_form') return [];
    return [
      {
        id: entryId(entry),
        paraphrases: entry.paraphrases,
        samplesPerParaphrase: entry.samples_per_paraphrase ?? QUESTION_DEFAULTS.samplesPerParaphrase,
        ...(entry.system !== undefined ? { system: entry.system } : {}),
        temperature: entry.temperature ?? QUESTION_DEFAULTS.temperature,
        maxTokens: entry.max_tokens ?? QUESTION_DEFAULTS.maxTokens,
        judges: Object.fromEntries(Object.entries(entry.judges ?? {}).map(([column, id]) => [column, lookup(id)[0]!.judge])),
      },
    ];
  });
  if (questions.length === 0) {
    const what = own.length === 0 ? 'the list is empty' : `it defines only judges (${own.map(entryId).join(', ')}); name the file that asks questions`;
    throw new ConfigError(`${target.file}:1:1: [no-questions] no free_form questions: ${what}`);
  }
  for (const u of unreadable) options.onWarning?.(`${basename(u.file)} (beside ${basename(target.file)}) skipped while looking for judges: ${u.error.message.split('\n')[0]}`);
  return questions;
}

/** Loads an llmcomp question file, resolving judges against the llmcomp files of its directory. */
export async function loadLlmcompQuestions(file: string, yaml?: LocatedYaml, onWarning?: (message: string) => void): Promise<Question[]> {
  const target = { file, yaml: yaml ?? parseYamlBytes(await readFile(file), file) };
  const { sources, unreadable } = await readSiblings(file);
  return importLlmcomp(target, sources, { unreadable, ...(onWarning ? { onWarning } : {}) });
}
