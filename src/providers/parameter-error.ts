// A request a provider refuses because of one parameter: a bad request that names it, as OpenAI's 400s do.
import { ProviderError } from './errors.js';

export class ParameterError extends ProviderError {
  constructor(
    /** OpenAI's name of the parameter, e.g. `logit_bias` or `messages[0].content`. */
    readonly param: string,
    message: string,
  ) {
    super('bad-request', message, 400);
  }
}
