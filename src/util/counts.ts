// Counts that several layers and the CLI's light command definitions share, defined once here so
// that a command's --help states them without loading the layers that use them.

/** More samples per paraphrase (or per an experiment's unit) than anyone asks (the paper's most is 1,000): a typo, not a plan. */
export const MAX_SAMPLES = 1_000_000;

/** Seeds per variant where the paper gives no number (another base, the sandbox analogues) and the caller none either. */
export const DEFAULT_SEEDS = 3;

/** Attempts per call (the first and its retries) before it is stored as failed. */
export const DEFAULT_MAX_ATTEMPTS = 8;
