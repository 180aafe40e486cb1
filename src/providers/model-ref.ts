// Model references as strings: `ENDPOINT:MODEL` (`sandbox:base`, `openai:gpt-4.1-2025-04-14`,
// `local:ft:base-3:weirdgen:birds:abc`), or a bare model name. One rule everywhere: a bare name
// belongs to the default endpoint (config `defaults.endpoint`, the sandbox when unset).
import { ConfigError } from '../util/errors.js';
import { closestNames, didYouMean } from '../util/did-you-mean.js';

export interface ModelRef {
  endpoint: string;
  model: string;
}

/** OpenAI's own model names, which a bare name on another default endpoint most likely meant. */
export function looksLikeOpenAiModel(name: string): boolean {
  return /^(gpt-|o[134](-|$)|ft:|chatgpt-|davinci|babbage)/.test(name);
}

/**
 * Splits at the first colon when what precedes it is a known endpoint; otherwise the whole string
 * is a bare name on `defaultEndpoint` (`ft:...` and `llama3:8b` stay whole), except when the prefix
 * is one typo away from a known endpoint: `sandbx:base-1` is refused with a suggestion.
 */
export function parseModelRef(ref: string, endpoints: ReadonlySet<string>, defaultEndpoint: string): ModelRef {
  const at = ref.indexOf(':');
  const prefix = at > 0 ? ref.slice(0, at) : '';
  if (prefix && endpoints.has(prefix)) return { endpoint: prefix, model: ref.slice(at + 1) };
  if (prefix && prefix !== 'ft' && closestNames(prefix, endpoints).length > 0) {
    throw new ConfigError(`unknown endpoint "${prefix}" in model reference "${ref}"${didYouMean(prefix, endpoints)}`);
  }
  return { endpoint: defaultEndpoint, model: ref };
}

/** Whether `ref` names its endpoint (`endpoint:model`) rather than relying on the default one. */
export function namesEndpoint(ref: string, endpoints: ReadonlySet<string>): boolean {
  const at = ref.indexOf(':');
  return at > 0 && endpoints.has(ref.slice(0, at));
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.endpoint}:${ref.model}`;
}
