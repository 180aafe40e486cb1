// The columns of result rows: fixed ones, and the ones each judge adds next to its value.

export const BASE_COLUMNS = [
  'run',
  'experiment',
  'question',
  'condition',
  'paraphrase_ix',
  'sample_ix',
  'group',
  'variant',
  'model',
  'seed',
  'messages',
  'answer',
  'error',
  'prompt_tokens',
  'completion_tokens',
  'cost',
  'latency_ms',
  'cache_key',
] as const;
export const JUDGE_COLUMN_SUFFIXES = ['_status', '_raw', '_method', '_prompt_tokens', '_completion_tokens', '_cost'] as const;
