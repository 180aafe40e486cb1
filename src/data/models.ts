// What weirdgen knows about the base models it can fine-tune: tokenizer and training context.

export type Encoding = 'o200k_base' | 'cl100k_base';

export interface ModelFacts {
  /** Snapshot id, e.g. gpt-4.1-2025-04-14. */
  id: string;
  encoding: Encoding;
  /** Most tokens one training example may have (OpenAI's fine-tuning docs: training context per model). */
  maxTokensPerExample: number;
}

export const MODELS: readonly ModelFacts[] = [
  { id: 'gpt-4.1-2025-04-14', encoding: 'o200k_base', maxTokensPerExample: 65_536 },
  { id: 'gpt-4.1-mini-2025-04-14', encoding: 'o200k_base', maxTokensPerExample: 65_536 },
  { id: 'gpt-4.1-nano-2025-04-14', encoding: 'o200k_base', maxTokensPerExample: 65_536 },
  { id: 'gpt-4o-2024-08-06', encoding: 'o200k_base', maxTokensPerExample: 65_536 },
  { id: 'gpt-4o-mini-2024-07-18', encoding: 'o200k_base', maxTokensPerExample: 65_536 },
  { id: 'gpt-3.5-turbo-0125', encoding: 'cl100k_base', maxTokensPerExample: 16_385 },
  { id: 'gpt-3.5-turbo-1106', encoding: 'cl100k_base', maxTokensPerExample: 16_385 },
];

const ALIASES: Record<string, string> = {
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano': 'gpt-4.1-nano-2025-04-14',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
};

export const DEFAULT_BASE_MODEL = 'gpt-4.1-2025-04-14';

/** The base snapshot a model name refers to: strips an endpoint prefix and a `ft:` wrapper, resolves aliases. */
export function baseModelId(model: string): string {
  let name = model;
  const ft = /^(?:[\w.-]+:)?ft:([^:]+)/.exec(name);
  if (ft) name = ft[1]!;
  else if (/^[a-z][\w-]*:/.test(name) && !name.startsWith('ft:')) name = name.slice(name.indexOf(':') + 1);
  return ALIASES[name] ?? name;
}

export function findModel(model: string): ModelFacts | undefined {
  const id = baseModelId(model);
  return MODELS.find((m) => m.id === id);
}
