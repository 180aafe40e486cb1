// Names of fine-tuned models and their checkpoints, in OpenAI's pattern `ft:<base>:<org>:<suffix>:<id>`.

/** The organization part of every fine-tuned model name. */
export const FT_ORGANIZATION = 'weirdgen';

export function fineTunedModelName(base: string, suffix: string | null, jobId: string): string {
  return `ft:${base}:${FT_ORGANIZATION}:${suffix ?? ''}:${jobId.slice(-8)}`;
}

export function checkpointModelName(model: string, step: number): string {
  return `${model}:ckpt-step-${step}`;
}
