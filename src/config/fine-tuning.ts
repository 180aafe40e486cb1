// How an endpoint is told a fine-tuning job's hyperparameters: a template of the create-job body's
// method and hyperparameter fields, with `$name` placeholders for weirdgen's settings. OpenAI's
// shape is the default; services that fine-tune open models with LoRA (rank, alpha, an absolute
// learning rate) name their own fields here (docs/open-models.md).
import { z } from 'zod';

/** The settings a template may place: OpenAI's three, and the open-model services' method, LoRA rank and alpha, and absolute learning rate. */
export const FINE_TUNING_VARIABLES = ['epochs', 'batch_size', 'learning_rate_multiplier', 'learning_rate', 'method', 'lora', 'lora_rank', 'lora_alpha'] as const;
/** One of `FINE_TUNING_VARIABLES`. */
export type FineTuningVariable = (typeof FINE_TUNING_VARIABLES)[number];

/** Fields weirdgen always sends itself (the launch key travels in `metadata`): a template may not set them. */
export const RESERVED_BODY_FIELDS = ['model', 'training_file', 'validation_file', 'seed', 'suffix', 'metadata'] as const;

/** How a job trains beyond OpenAI's three hyperparameters (open-model services): LoRA or all weights, the adapters' rank and alpha, an absolute learning rate. */
export interface TrainingMethod {
  type?: 'lora' | 'full';
  loraRank?: number;
  loraAlpha?: number;
  learningRate?: number;
}

/**
 * The method a launch asks: `asked` over `paper`, field by field. Another type than the paper's
 * drops the paper's rank, alpha and learning rate, which belong to its method (a full fine-tune
 * never inherits a LoRA learning rate).
 */
export function overrideMethod(paper: TrainingMethod | undefined, asked: TrainingMethod | undefined): TrainingMethod | undefined {
  const own = asked?.type !== undefined && paper?.type !== undefined && asked.type !== paper.type ? { ...asked } : { ...paper, ...asked };
  const defined = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined)) as TrainingMethod;
  return Object.keys(defined).length > 0 ? defined : undefined;
}

/** A method in words: `lora, rank 4, alpha 8, learning rate 0.00005` (the provider's method where no type is given). */
export function describeMethod(m: TrainingMethod): string {
  return [m.type ?? 'the provider’s method', m.loraRank !== undefined ? `rank ${m.loraRank}` : '', m.loraAlpha !== undefined ? `alpha ${m.loraAlpha}` : '', m.learningRate !== undefined ? `learning rate ${m.learningRate}` : ''].filter(Boolean).join(', ');
}

/** A value of a body template: JSON, where a string `$name` is a placeholder (`$$` starts a literal `$`). */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | { [key: string]: TemplateValue };

const templateValue: z.ZodType<TemplateValue> = z.lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(templateValue), z.record(z.string(), templateValue)]));

const PLACEHOLDER = /^\$([a-z_]+)$/;

function placeholderOf(value: string): string | undefined {
  return value.startsWith('$$') ? undefined : PLACEHOLDER.exec(value)?.[1];
}

/** Every placeholder of a template with its path, known or not. */
function placeholders(value: TemplateValue, path: (string | number)[] = []): { name: string; path: (string | number)[] }[] {
  if (typeof value === 'string') {
    const name = placeholderOf(value);
    return name !== undefined ? [{ name, path }] : value.startsWith('$') && !value.startsWith('$$') ? [{ name: value, path }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, [...path, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => placeholders(v, [...path, k]));
  return [];
}

export const fineTuningSchema = z
  .strictObject({
    /** The create-job body's method and hyperparameter fields; they replace OpenAI's `method.supervised.hyperparameters`. */
    body: z.record(z.string(), templateValue),
  })
  .superRefine((f, ctx) => {
    for (const key of Object.keys(f.body)) {
      if ((RESERVED_BODY_FIELDS as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', path: ['body', key], message: `weirdgen sends "${key}" itself; a template may set only the method and hyperparameter fields` });
    }
    for (const p of placeholders(f.body)) {
      if (!(FINE_TUNING_VARIABLES as readonly string[]).includes(p.name)) ctx.addIssue({ code: 'custom', path: ['body', ...p.path], message: `unknown placeholder "${p.name.startsWith('$') ? p.name : `$${p.name}`}": the placeholders are ${FINE_TUNING_VARIABLES.map((v) => `$${v}`).join(', ')} (write $$ for a literal $)` });
    }
  });

/** An endpoint's `fineTuning:` section. */
export type FineTuningConfig = z.infer<typeof fineTuningSchema>;

/** OpenAI's create-job body: the supervised method and its three hyperparameters. */
export const OPENAI_FINE_TUNING: FineTuningConfig = {
  body: { method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: '$epochs', batch_size: '$batch_size', learning_rate_multiplier: '$learning_rate_multiplier' } } } },
};

/**
 * `weirdgen serve`'s: OpenAI's, and in the same hyperparameters the fields open-model services
 * use for LoRA (`lora`, `lora_r`, `lora_alpha`) and an absolute `learning_rate`.
 */
export const SERVE_FINE_TUNING: FineTuningConfig = {
  body: {
    method: {
      type: 'supervised',
      supervised: { hyperparameters: { n_epochs: '$epochs', batch_size: '$batch_size', learning_rate_multiplier: '$learning_rate_multiplier', learning_rate: '$learning_rate', lora: '$lora', lora_r: '$lora_rank', lora_alpha: '$lora_alpha' } },
    },
  },
};

/** The placeholders a template uses. */
export function templateVariables(config: FineTuningConfig): Set<FineTuningVariable> {
  return new Set(placeholders(config.body).map((p) => p.name as FineTuningVariable));
}

/** Values for the placeholders; one left undefined drops its field from the body (the service's default). */
export type TemplateValues = Partial<Record<FineTuningVariable, string | number | boolean>>;

const OMIT = Symbol('omit');

function render(value: TemplateValue, values: TemplateValues): TemplateValue | typeof OMIT {
  if (typeof value === 'string') {
    if (value.startsWith('$$')) return value.slice(1);
    const name = placeholderOf(value);
    if (name === undefined) return value;
    const v = values[name as FineTuningVariable];
    return v === undefined ? OMIT : v;
  }
  if (Array.isArray(value)) return value.map((v) => render(v, values)).filter((v): v is TemplateValue => v !== OMIT);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, TemplateValue> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = render(v, values);
      if (r !== OMIT) out[k] = r;
    }
    return out;
  }
  return value;
}

/** The body fields a template makes of these values: each placeholder replaced by its value (its type kept), fields without a value left out. */
export function renderFineTuningBody(config: FineTuningConfig, values: TemplateValues): Record<string, unknown> {
  return render(config.body, values) as Record<string, unknown>;
}
