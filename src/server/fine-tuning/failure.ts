// Why a fine-tuning job failed, as the job's `error` shows it.

export class JobFailure extends Error {
  override readonly name = 'JobFailure';
  constructor(
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }

  toJobError(): { code: string; message: string; param: string | null } {
    return { code: this.code, message: this.message, param: this.param };
  }
}
