// Errors that cross module boundaries: each carries a message a user can act on.

/** Base class of every error weirdgen reports to a user (the CLI prints these without a stack). */
export class WeirdgenError extends Error {
  override readonly name: string = 'WeirdgenError';
}

/** Where in a file a problem is: 1-based line and column; either may be absent for whole-file problems. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: SourceLocation): string {
  let text = loc.file;
  if (loc.line !== undefined) text += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) text += `:${loc.column}`;
  return text;
}

/** A file's content breaks a named rule, at a known place. */
export class DataError extends WeirdgenError {
  override readonly name = 'DataError';
  constructor(
    readonly location: SourceLocation,
    readonly rule: string,
    readonly detail: string,
  ) {
    super(`${formatLocation(location)}: [${rule}] ${detail}`);
  }
}

/** A configuration value or command-line flag is invalid. */
export class ConfigError extends WeirdgenError {
  override readonly name = 'ConfigError';
}

/** A downloaded or mirrored file does not match its pinned hash. */
export class IntegrityError extends WeirdgenError {
  override readonly name = 'IntegrityError';
}
