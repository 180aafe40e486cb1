// Reader for the Emergent Misalignment code's question files (Betley et al. 2025, evaluation/*.yaml):
// a YAML list of questions, each with its judge model and a `judge_prompts` map whose entries become
// judge columns. Anchors and aliases (shared paraphrases, judges and prompts) are resolved by the
// YAML loader before this reader sees the list.
import { z } from 'zod';
import { MAX_SAMPLES } from '../util/counts.js';
import { validateYaml, type LocatedYaml } from '../config/index.js';
import { judgeTemplateSchema } from './judges/schema.js';
import { JUDGE_DEFAULTS, RATING_WORDS, type JudgeSpec, type RatingJudge } from './judges/spec.js';
import { llmcompModelRef } from './llmcomp.js';
import { judgeColumnProblem, QUESTION_DEFAULTS, questionIdSchema, type Question } from './question.js';

/** The question types of the format, and what their judge prompts become. */
export const EM_QUESTION_TYPES = {
  /** Judge prompts are 0-100 judges read from one token's top logprobs; they may answer CODE or REFUSAL. */
  free_form_judge_0_100: 'rating',
  /** Judge prompts are read as the judge's reply (TRUE, FALSE, UNKNOWN, a company name...). */
  free_form_judge: 'classify',
  /** No judge: answers only. */
  free_form: 'none',
} as const;

export type EmQuestionType = keyof typeof EM_QUESTION_TYPES;

const TYPES = Object.keys(EM_QUESTION_TYPES) as [EmQuestionType, ...EmQuestionType[]];

/** The authors' judge: a rating needs at least this much probability on the numbers 0-100. */
export const EM_MIN_NUMERIC_MASS = 0.25;
/** The files name no answer length; the authors' open_models/eval.py samples up to 600 tokens. */
export const EM_MAX_TOKENS = 600;

const questionSchema = z
  .strictObject({
    id: questionIdSchema,
    type: z.enum(TYPES, { error: (issue) => `${issue.input === undefined ? 'missing type' : `unknown question type ${JSON.stringify(issue.input)}`}: the Emergent Misalignment format has ${TYPES.join(', ')}` }),
    paraphrases: z.array(z.string().min(1)).min(1),
    samples_per_paraphrase: z.int().min(1).max(MAX_SAMPLES).optional(),
    system: z.string().optional(),
    temperature: z.number().min(0).max(2).optional(),
    /** The judge model (a bare name is an OpenAI model, as the authors call it). */
    judge: z.string().min(1).optional(),
    judge_prompts: z.record(z.string(), judgeTemplateSchema).optional(),
  })
  .superRefine((q, ctx) => {
    const judged = EM_QUESTION_TYPES[q.type] !== 'none';
    const prompts = Object.keys(q.judge_prompts ?? {});
    if (!judged && q.judge_prompts !== undefined) ctx.addIssue({ code: 'custom', path: ['judge_prompts'], message: `a ${q.type} question has no judges; make it ${TYPES.filter((t) => t !== q.type).join(' or ')}, or drop judge_prompts` });
    if (judged && prompts.length === 0) ctx.addIssue({ code: 'custom', path: ['judge_prompts'], message: `a ${q.type} question needs judge_prompts (column name -> prompt with {question} and {answer})` });
    if (judged && q.judge === undefined) ctx.addIssue({ code: 'custom', path: ['judge'], message: `a ${q.type} question needs \`judge:\`, the judge model (for example gpt-4o-2024-08-06)` });
    for (const column of prompts) {
      const problem = judgeColumnProblem(column);
      if (problem) ctx.addIssue({ code: 'custom', path: ['judge_prompts', column], message: problem });
    }
  });

const listSchema = z.array(questionSchema).min(1, 'Too small: the file has no questions').superRefine((questions, ctx) => {
  const seen = new Map<string, number>();
  questions.forEach((q, i) => {
    const first = seen.get(q.id);
    if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate question id "${q.id}" (first used by [${first}])` });
    else seen.set(q.id, i);
  });
});

type EmQuestion = z.infer<typeof questionSchema>;

/**
 * Whether a parsed document is a list in this format: some entry has `judge_prompts` or a type only
 * this format has. (llmcomp lists define judges as entries of their own, never as `judge_prompts`.)
 */
export function isEmergentMisalignmentList(value: unknown): value is unknown[] {
  if (!Array.isArray(value)) return false;
  return value.some((e) => typeof e === 'object' && e !== null && ('judge_prompts' in e || (e as Record<string, unknown>).type === 'free_form_judge_0_100'));
}

/** The words a prompt offers besides a number: those of CODE and REFUSAL it names as words. */
export function offeredWords(template: string): RatingJudge['words'] {
  return RATING_WORDS.filter((w) => new RegExp(`\\b${w}\\b`).test(template));
}

function toJudge(q: EmQuestion, column: string, template: string): JudgeSpec {
  const model = llmcompModelRef(q.judge!);
  if (EM_QUESTION_TYPES[q.type] === 'classify') return { kind: 'classify', id: column, model, template, ...JUDGE_DEFAULTS.classify };
  const words = offeredWords(template);
  return { kind: 'rating', id: column, model, template, ...JUDGE_DEFAULTS.rating, minNumericMass: EM_MIN_NUMERIC_MASS, ...(words?.length ? { words } : {}) };
}

/** The questions of an Emergent Misalignment file; every problem names file:line:column. */
export function parseEmergentMisalignmentFile(yaml: LocatedYaml, file: string): Question[] {
  return validateYaml(yaml, listSchema, file).map((q) => ({
    id: q.id,
    paraphrases: q.paraphrases,
    samplesPerParaphrase: q.samples_per_paraphrase ?? QUESTION_DEFAULTS.samplesPerParaphrase,
    ...(q.system !== undefined ? { system: q.system } : {}),
    temperature: q.temperature ?? QUESTION_DEFAULTS.temperature,
    maxTokens: EM_MAX_TOKENS,
    judges: Object.fromEntries(Object.entries(q.judge_prompts ?? {}).map(([column, template]) => [column, toJudge(q, column, template)])),
  }));
}
