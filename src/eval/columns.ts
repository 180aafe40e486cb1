// The columns of result rows: fixed ones, and the ones each judge adds next to its value.

export const BASE_COLUMNS = ['run', 'experiment', 'question', 'paraphrase_ix', 'sample_ix', 'group', 'model', 'messages', 'answer', 'error'] as const;
export const JUDGE_COLUMN_SUFFIXES = ['_status', '_raw', '_method'] as const;
