// A transform refuses an example it cannot apply to; the builder turns the index into file:line.
import { WeirdgenError } from '../../util/errors.js';

export class TransformError extends WeirdgenError {
  override readonly name = 'TransformError';
  constructor(
    /** 0-based index of the example in the transform's input. */
    readonly index: number,
    readonly rule: string,
    readonly detail: string,
  ) {
    super(`example ${index + 1}: [${rule}] ${detail}`);
  }
}
