// Errors a report writer reports to its caller: bad figure names, figures that fail to compile.
import { WeirdgenError } from '../util/errors.js';

export class ReportError extends WeirdgenError {
  override readonly name = 'ReportError';
}
