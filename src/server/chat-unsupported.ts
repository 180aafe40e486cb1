// Parameters of OpenAI's chat request that weirdgen serve cannot honour: refused with a 400 naming
// them (never accepted and ignored), unless given as null or as the one value that asks for nothing.
import { invalidRequest, type HttpError } from './errors.js';

interface Refusal {
  why: string;
  /** A value that asks for what serve does anyway (besides null). */
  harmless?: (value: unknown) => boolean;
}

const NO_TOOLS = 'the models served here cannot call tools or functions';

const REFUSED: Readonly<Record<string, Refusal>> = {
  tools: { why: NO_TOOLS },
  tool_choice: { why: NO_TOOLS },
  parallel_tool_calls: { why: NO_TOOLS },
  functions: { why: NO_TOOLS },
  function_call: { why: NO_TOOLS },
  response_format: {
    why: 'answers are plain text: only {"type": "text"} is supported',
    harmless: (v) => typeof v === 'object' && v !== null && Object.keys(v).length === 1 && (v as { type?: unknown }).type === 'text',
  },
  modalities: { why: 'answers are text only: only ["text"] is supported', harmless: (v) => Array.isArray(v) && v.every((m) => m === 'text') },
  audio: { why: 'answers are text only' },
  prediction: { why: 'predicted outputs are not supported' },
  reasoning_effort: { why: 'the models served here do not reason before answering' },
  verbosity: { why: 'the models served here have no verbosity setting' },
  web_search_options: { why: 'there is no web search' },
  store: { why: 'stored completions are not supported', harmless: (v) => v === false },
  metadata: { why: 'stored completions (which metadata describes) are not supported' },
  service_tier: { why: "there is one service tier: 'auto' or 'default'", harmless: (v) => v === 'auto' || v === 'default' },
  prompt_cache_retention: { why: 'there is no prompt cache to keep' },
  prompt_cache_options: { why: 'there is no prompt cache to configure' },
  moderation: { why: 'there is no moderation' },
};

export const REFUSED_PARAMETERS: readonly string[] = Object.keys(REFUSED);

/** The 400 for the first refused parameter the body sets, if any. */
export function refusedParameter(body: Readonly<Record<string, unknown>>): HttpError | undefined {
  for (const [param, refusal] of Object.entries(REFUSED)) {
    const value = body[param];
    if (value === undefined || value === null || refusal.harmless?.(value)) continue;
    return invalidRequest(`Unsupported parameter: '${param}' is not supported by weirdgen serve: ${refusal.why}.`, param, 'unsupported_parameter');
  }
  return undefined;
}
