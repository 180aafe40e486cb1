// A YAML file weirdgen cannot read: where (file:line:column) and which rule it breaks.
import { ConfigError, formatLocation, type SourceLocation } from '../util/errors.js';

/**
 * yaml-syntax: the parser's own errors; yaml-too-large, yaml-too-deep: size and nesting beyond what weirdgen reads;
 * yaml-alias-missing, yaml-alias-cycle, yaml-alias-expansion: aliases that name no earlier anchor,
 * contain themselves, or expand past the budget (an alias bomb).
 */
export type YamlRule = 'yaml-syntax' | 'yaml-too-large' | 'yaml-too-deep' | 'yaml-alias-missing' | 'yaml-alias-cycle' | 'yaml-alias-expansion';

export class YamlError extends ConfigError {
  constructor(
    readonly location: Required<SourceLocation>,
    readonly rule: YamlRule,
    readonly detail: string,
  ) {
    super(`${formatLocation(location)}: invalid YAML [${rule}]: ${detail}`);
  }
}
