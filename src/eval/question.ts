// Questions to ask models, and weirdgen's own YAML question-file format (`judges:` + `questions:`).
import { z } from 'zod';
import { MAX_SAMPLES } from '../util/counts.js';
import { validateYaml, type LocatedYaml } from '../config/index.js';
import type { ChatMessage } from '../providers/index.js';
import { BASE_COLUMNS, JUDGE_COLUMN_SUFFIXES } from './columns.js';
import { IDENTIFIER, judgeDefinitionSchema, judgeIdSchema, toJudgeSpec } from './judges/schema.js';
import type { JudgeSpec } from './judges/spec.js';

/** A question to ask each model: its paraphrases, samples per paraphrase, sampling settings and judges by result column. */
export interface Question {
  id: string;
  paraphrases: string[];
  /** Independent samples per paraphrase (llmcomp samples_per_paraphrase). */
  samplesPerParaphrase: number;
  system?: string;
  /** Conversation placed before the paraphrase turn. */
  messages?: ChatMessage[];
  temperature: number;
  maxTokens: number;
  /** Result column -> judge. */
  judges: Record<string, JudgeSpec>;
}

export const QUESTION_DEFAULTS = { samplesPerParaphrase: 1, temperature: 1, maxTokens: 1024 } as const;

/** The conversation for one paraphrase: [system?] + prefix + the paraphrase as the last user turn. */
export function questionMessages(question: Question, paraphraseIx: number): ChatMessage[] {
  const paraphrase = question.paraphrases[paraphraseIx];
  if (paraphrase === undefined) throw new RangeError(`question "${question.id}" has no paraphrase ${paraphraseIx} (it has ${question.paraphrases.length})`);
  return [
    ...(question.system !== undefined ? [{ role: 'system' as const, content: question.system }] : []),
    ...(question.messages ?? []),
    { role: 'user', content: paraphrase },
  ];
}

/** Question ids become file names in caches and results, so they keep to llmcomp's character set. */
export const questionIdSchema = z.string().regex(/^[A-Za-z0-9_\-[\].()]+$/, 'question ids are letters, digits and _ - [ ] . ( )');

const RESERVED_COLUMNS = new Set<string>([...BASE_COLUMNS, 'api_kwargs', 'raw_answer', 'probs']);

/** Why a judge column name would collide with a result column (llmcomp's rules), or undefined if it is fine. */
export function judgeColumnProblem(column: string): string | undefined {
  if (!IDENTIFIER.test(column)) return `judge column "${column}" must be letters, digits, _ . and -`;
  if (RESERVED_COLUMNS.has(column)) return `judge column "${column}" is a standard result column`;
  if (column.startsWith('_')) return `judge column "${column}" starts with "_", reserved for internal columns`;
  const suffix = ['_question', '_raw_answer', '_probs', ...JUDGE_COLUMN_SUFFIXES].find((s) => column.endsWith(s));
  if (suffix) return `judge column "${column}" ends with "${suffix}", which result columns of judges use`;
  return undefined;
}

const prefixMessageSchema = z.strictObject({
  role: z.enum(['user', 'assistant'], { error: 'prefix messages are user or assistant turns (put a system prompt in `system:`)' }),
  content: z.string(),
});

const questionSchema = z.strictObject({
  id: questionIdSchema,
  paraphrases: z.array(z.string().min(1)).min(1),
  samples: z.int().min(1).max(MAX_SAMPLES).default(QUESTION_DEFAULTS.samplesPerParaphrase),
  system: z.string().optional(),
  messages: z.array(prefixMessageSchema).optional(),
  temperature: z.number().min(0).max(2).default(QUESTION_DEFAULTS.temperature),
  maxTokens: z.int().min(1).default(QUESTION_DEFAULTS.maxTokens),
  judges: z.union([z.record(z.string(), judgeIdSchema), z.array(judgeIdSchema)]).default({}),
});

export const questionFileSchema = z
  .strictObject({
    judges: z.record(judgeIdSchema, judgeDefinitionSchema).default({}),
    questions: z.array(questionSchema).min(1, 'Too small: the file has no questions'),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.questions.forEach((q, i) => {
      const first = seen.get(q.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: `duplicate question id "${q.id}" (first used by questions[${first}])` });
      else seen.set(q.id, i);
      const refs = Array.isArray(q.judges) ? q.judges.map((id, j) => ({ column: id, id, at: j as string | number })) : Object.entries(q.judges).map(([column, id]) => ({ column, id, at: column }));
      const columns = new Set<string>();
      for (const { column, id, at } of refs) {
        const path = ['questions', i, 'judges', at];
        const problem = judgeColumnProblem(column);
        if (problem) ctx.addIssue({ code: 'custom', path, message: problem });
        if (columns.has(column)) ctx.addIssue({ code: 'custom', path, message: `judge column "${column}" is listed twice` });
        columns.add(column);
        if (!Object.hasOwn(file.judges, id)) {
          const known = Object.keys(file.judges);
          ctx.addIssue({ code: 'custom', path, message: `unknown judge "${id}" (${known.length > 0 ? `defined: ${known.join(', ')}` : 'the file defines no judges'})` });
        }
      }
    });
  });

export type QuestionFile = z.infer<typeof questionFileSchema>;

/** What a question file may hold before defaults are filled in (for question files written in code). */
export type QuestionFileInput = z.input<typeof questionFileSchema>;

/** Validates a parsed weirdgen question file; errors name file:line:column. */
export function parseQuestionFile(yaml: LocatedYaml, file: string): Question[] {
  return questionsOf(validateYaml(yaml, questionFileSchema, file));
}

/** A validated question file's questions, each with its judges resolved by column. */
export function questionsOf(parsed: QuestionFile): Question[] {
  const judges = Object.fromEntries(Object.entries(parsed.judges).map(([id, def]) => [id, toJudgeSpec(id, def)]));
  return parsed.questions.map((q) => {
    const columns: [string, string][] = Array.isArray(q.judges) ? q.judges.map((id) => [id, id]) : Object.entries(q.judges);
    return {
      id: q.id,
      paraphrases: q.paraphrases,
      samplesPerParaphrase: q.samples,
      ...(q.system !== undefined ? { system: q.system } : {}),
      ...(q.messages !== undefined ? { messages: q.messages } : {}),
      temperature: q.temperature,
      maxTokens: q.maxTokens,
      judges: Object.fromEntries(columns.map(([column, id]) => [column, judges[id]!])),
    };
  });
}
