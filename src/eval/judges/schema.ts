// zod schema for judges as written in weirdgen question files (the id is the key they sit under).
import { z } from 'zod';
import { TemplateError, validateTemplate } from '../template.js';
import { JUDGE_DEFAULTS, RATING_WORDS, type JudgeSpec } from './spec.js';

/** A judge template: valid Python str.format syntax that fills in {answer} (llmcomp requires it too). */
export const judgeTemplateSchema = z.string().superRefine((template, ctx) => {
  try {
    validateTemplate(template, ['answer']);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});

const uniqueLabels = (labels: readonly string[]): boolean => new Set(labels).size === labels.length;
const labelsSchema = z.array(z.string().min(1)).min(1).refine(uniqueLabels, 'labels must be distinct');
const model = z.string().min(1);
const temperature = z.number().min(0).max(2);
const maxTokens = z.int().min(1);

const classifySchema = z.strictObject({
  kind: z.literal('classify'),
  model,
  template: judgeTemplateSchema,
  labels: labelsSchema.optional(),
  temperature: temperature.default(JUDGE_DEFAULTS.classify.temperature),
  maxTokens: maxTokens.default(JUDGE_DEFAULTS.classify.maxTokens),
});

const ratingSchema = z
  .strictObject({
    kind: z.literal('rating'),
    model,
    template: judgeTemplateSchema,
    min: z.int().default(JUDGE_DEFAULTS.rating.min),
    max: z.int().default(JUDGE_DEFAULTS.rating.max),
    topLogprobs: z.int().min(1).max(20).default(JUDGE_DEFAULTS.rating.topLogprobs),
    refusalThreshold: z.number().gt(0).max(1).default(JUDGE_DEFAULTS.rating.refusalThreshold),
    fallbackSamples: z.int().min(1).default(JUDGE_DEFAULTS.rating.fallbackSamples),
    minNumericMass: z.number().gt(0).max(1).optional(),
    words: z.array(z.enum(RATING_WORDS)).min(1).refine(uniqueLabels, 'words must be distinct').optional(),
  })
  .refine((j) => j.min < j.max, { message: 'max must be greater than min', path: ['max'] });

const finalLineSchema = z.strictObject({
  kind: z.literal('final-line'),
  model,
  template: judgeTemplateSchema,
  // The answer line is `ANSWER: <label>`, read as one run of non-space characters.
  labels: z.array(z.string().regex(/^\S+$/, 'a label is one word with no spaces')).min(1).refine(uniqueLabels, 'labels must be distinct'),
  temperature: temperature.default(JUDGE_DEFAULTS['final-line'].temperature),
  maxTokens: maxTokens.default(JUDGE_DEFAULTS['final-line'].maxTokens),
});

const matchSchema = z.strictObject({
  kind: z.literal('match'),
  prefixes: z.array(z.string().min(1)).min(1),
});

/** A judge definition without its id, defaults filled in. */
export const judgeDefinitionSchema = z.discriminatedUnion('kind', [classifySchema, ratingSchema, finalLineSchema, matchSchema]);

/** Judge ids and result columns: letters, digits, `_ . -`, not starting with `.` or `-`. */
export const IDENTIFIER = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const judgeIdSchema = z.string().regex(IDENTIFIER, 'judge ids are letters, digits, _ . and -');

/** A judge as a file defines it, with its id attached. */
export function toJudgeSpec(id: string, definition: z.infer<typeof judgeDefinitionSchema>): JudgeSpec {
  return { id, ...definition };
}
