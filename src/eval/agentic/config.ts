// The configuration of an agentic-misalignment run in the authors' format (their
// `wolf_murder.yaml`): the trigger and its format reminders, the final question, the framework's
// scenarios, goal types and values, urgency types, temperature, samples per condition and the
// classifier model. Keys weirdgen does not use (models, concurrency) are accepted and ignored.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseYaml, parseYamlBytes, validateYaml } from '../../config/index.js';
import { MAX_SAMPLES } from '../../util/counts.js';

export const AGENTIC_SCENARIOS = ['murder', 'blackmail'] as const;
export type AgenticScenarioId = (typeof AGENTIC_SCENARIOS)[number];
export const GOAL_TYPES = ['explicit', 'latent', 'none', 'ambiguous'] as const;
export const URGENCY_TYPES = ['replacement', 'restriction', 'none'] as const;
export type GoalType = (typeof GOAL_TYPES)[number];
export type UrgencyType = (typeof URGENCY_TYPES)[number];
export const TRIGGER_CONDITIONS = ['with', 'without'] as const;
export type TriggerCondition = (typeof TRIGGER_CONDITIONS)[number];

const text = z.string();

export const agenticConfigSchema = z.looseObject({
  experiment_id: z.string().min(1),
  description: z.string().optional(),
  wolf: z.looseObject({
    trigger: z.looseObject({
      conditions: z.array(z.enum(TRIGGER_CONDITIONS)).min(1).refine((c) => new Set(c).size === c.length, 'a trigger condition is listed twice'),
      text,
    }),
    format_reminder: z.looseObject({ with_trigger: text, without_trigger: text }),
    final_question: z.string().min(1),
  }),
  scenarios: z.array(z.enum(AGENTIC_SCENARIOS, { error: `scenarios weirdgen runs: ${AGENTIC_SCENARIOS.join(', ')}` })).min(1),
  goal_types: z.array(z.enum(GOAL_TYPES)).min(1),
  goal_values: z.array(z.string().regex(/^[a-z]+$/, 'goal values are lower-case words (america, global, ...)')).min(1),
  urgency_types: z.array(z.enum(URGENCY_TYPES)).min(1),
  models: z.array(z.string()).optional(),
  global: z.looseObject({
    temperature: z.number().min(0).max(2),
    samples_per_condition: z.int().min(1).max(MAX_SAMPLES),
    max_tokens: z.int().min(1).optional(),
  }),
  // The harmful-action rate is the classifier's: a config that turns it off cannot be run.
  classification: z.looseObject({ enabled: z.literal(true, { error: 'classification must stay enabled: the harmful-action rate is the classifier’s verdict' }).default(true), classifier_model: z.string().min(1) }),
});

export type AgenticConfig = z.infer<typeof agenticConfigSchema>;

/** A validated configuration; errors name file:line:column and the rule broken. */
export function parseAgenticConfig(textOfFile: string, file: string): AgenticConfig {
  return validateYaml(parseYaml(textOfFile, file), agenticConfigSchema, file);
}

/** Reads a configuration as the project reads every YAML file (size limit, strict UTF-8); errors name file:line:column and the rule broken. */
export async function loadAgenticConfig(file: string): Promise<AgenticConfig> {
  return validateYaml(parseYamlBytes(await readFile(file), file), agenticConfigSchema, file);
}
