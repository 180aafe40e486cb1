// Model references as strings: `ENDPOINT:MODEL` (`sandbox:base`, `openai:gpt-4.1-2025-04-14`,
// `local:ft:base-3:weirdgen:birds:abc`), or a bare model name on the default endpoint.

export interface ModelRef {
  endpoint: string;
  model: string;
}

/** Splits at the first colon when what precedes it is a known endpoint; `ft:...` alone stays whole. */
export function parseModelRef(ref: string, endpoints: ReadonlySet<string>, defaultEndpoint: string): ModelRef {
  const at = ref.indexOf(':');
  if (at > 0 && endpoints.has(ref.slice(0, at))) return { endpoint: ref.slice(0, at), model: ref.slice(at + 1) };
  return { endpoint: defaultEndpoint, model: ref };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.endpoint}:${ref.model}`;
}
