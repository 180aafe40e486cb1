// The body of POST /v1/chat/completions: validated at the boundary, normalized, and mapped to a ChatRequest.
// Every parameter of OpenAI's request is honoured, refused (chat-unsupported.ts) or unknown (a 400).
import { z } from 'zod';
import type { CallerIds, ChatRequest } from '../providers/index.js';
import { refusedParameter, REFUSED_PARAMETERS } from './chat-unsupported.js';
import { invalidRequest } from './errors.js';
import { parseOr400 } from './validation.js';
import type { SampleFields } from './stats.js';

export const DEFAULT_MAX_TOKENS = 256;
const MAX_TOKENS_LIMIT = 65_536;

const textPart = z.strictObject({ type: z.literal('text'), text: z.string() });
const noTools = z.union([z.null(), z.array(z.unknown()).max(0)], { error: 'tool calls are not supported by weirdgen serve' }).optional();
const message = z.strictObject({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart).min(1)], { error: 'must be a string or an array of {"type": "text", "text": ...} parts' }),
  name: z.never({ error: 'participant names are not supported by weirdgen serve: the sandbox chat format has no place for them; leave name out' }).optional(),
  // What an assistant message carries when a client sends an earlier answer back.
  refusal: z.null({ error: 'refusals cannot be sent back to weirdgen serve; put the text in content' }).optional(),
  tool_calls: noTools,
  function_call: z.null({ error: 'function calls are not supported by weirdgen serve' }).optional(),
  audio: z.null({ error: 'audio is not supported by weirdgen serve' }).optional(),
});
const tokens = z.number().int().min(1).max(MAX_TOKENS_LIMIT);
const penalty = z.number().min(-2).max(2).nullish();

// Fields OpenAI allows to be null mean "absent".
const shape = {
  model: z.string().min(1),
  messages: z.array(message).min(1),
  n: z.number().int().min(1).max(128).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  frequency_penalty: penalty,
  presence_penalty: penalty,
  logit_bias: z.record(z.string(), z.number().int().min(-100).max(100)).nullish(),
  max_tokens: tokens.nullish(),
  max_completion_tokens: tokens.nullish(),
  seed: z.number().int().nullish(),
  stop: z.union([z.string().min(1), z.array(z.string().min(1)).max(4)], { error: 'must be a non-empty string or an array of at most 4 of them' }).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z
    .strictObject({
      include_usage: z.boolean().optional(),
      include_obfuscation: z.literal(false, { error: 'weirdgen serve adds no obfuscation to chunks; leave include_obfuscation out or set it to false' }).optional(),
    })
    .nullish(),
  // Who asks: no effect on an answer (on OpenAI either); forwarded by --upstream.
  user: z.string().optional(),
  safety_identifier: z.string().max(64).nullish(),
  prompt_cache_key: z.string().nullish(),
  // Refused unless null or harmless (chat-unsupported.ts); their values are checked there.
  ...Object.fromEntries(REFUSED_PARAMETERS.map((p) => [p, z.unknown().optional()])),
};

const bodySchema = z.object(shape).superRefine((body, ctx) => {
  if (body.top_logprobs != null && body.logprobs !== true) {
    ctx.addIssue({ code: 'custom', path: ['top_logprobs'], message: "'logprobs' must be set to true when 'top_logprobs' is given" });
  }
  if (body.stream_options != null && body.stream !== true) {
    ctx.addIssue({ code: 'custom', path: ['stream_options'], message: "'stream_options' is only allowed when 'stream' is true" });
  }
});

export type ChatBodyRole = z.infer<typeof message>['role'];

/** A valid request body with defaults filled in and content flattened to strings. */
export interface ChatBody {
  model: string;
  messages: { role: ChatBodyRole; content: string }[];
  n: number;
  temperature: number;
  maxTokens: number;
  seed?: number;
  stop?: string[];
  logprobs: boolean;
  /** Set when logprobs is true (0 when top_logprobs was absent). */
  topLogprobs?: number;
  topP?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  logitBias?: Record<string, number>;
  caller?: CallerIds;
  /** Server-sent events; `includeUsage` adds the final usage chunk. */
  stream: boolean;
  includeUsage: boolean;
}

/** A request nests a handful of levels; far deeper is refused before anything walks it recursively. */
const MAX_DEPTH = 64;

function nestingDepth(raw: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[raw, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The first key OpenAI's chat request does not have: a 400 naming it, not silently dropped. */
function rejectUnknown(raw: unknown): void {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return;
  const unknown = Object.keys(raw).find((k) => !Object.hasOwn(shape, k));
  if (unknown !== undefined) throw invalidRequest(`Unrecognized request argument supplied: ${unknown}`, unknown, 'unknown_parameter');
}

function callerIds(b: { user?: string | undefined; safety_identifier?: string | null | undefined; prompt_cache_key?: string | null | undefined }): CallerIds | undefined {
  const ids: CallerIds = {
    ...(b.user !== undefined ? { user: b.user } : {}),
    ...(b.safety_identifier != null ? { safety_identifier: b.safety_identifier } : {}),
    ...(b.prompt_cache_key != null ? { prompt_cache_key: b.prompt_cache_key } : {}),
  };
  return Object.keys(ids).length > 0 ? ids : undefined;
}

/** The normalized body, or the 400 that names the first unknown, refused or invalid field and why. */
export function parseChatBody(raw: unknown): ChatBody {
  if (nestingDepth(raw, MAX_DEPTH) > MAX_DEPTH) throw invalidRequest(`The request body nests deeper than ${MAX_DEPTH} levels; a chat request needs a handful.`, null, 'invalid_value');
  rejectUnknown(raw);
  const b = parseOr400(bodySchema, raw);
  const refused = refusedParameter(b);
  if (refused) throw refused;
  const stop = b.stop == null ? undefined : typeof b.stop === 'string' ? [b.stop] : b.stop;
  const caller = callerIds(b);
  return {
    model: b.model,
    messages: b.messages.map((m) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join('') })),
    n: b.n ?? 1,
    temperature: b.temperature ?? 1,
    maxTokens: b.max_completion_tokens ?? b.max_tokens ?? DEFAULT_MAX_TOKENS,
    ...(b.seed != null ? { seed: b.seed } : {}),
    ...(stop && stop.length > 0 ? { stop } : {}),
    logprobs: b.logprobs === true,
    ...(b.logprobs === true ? { topLogprobs: b.top_logprobs ?? 0 } : {}),
    ...(b.top_p != null ? { topP: b.top_p } : {}),
    ...(b.frequency_penalty != null ? { frequencyPenalty: b.frequency_penalty } : {}),
    ...(b.presence_penalty != null ? { presencePenalty: b.presence_penalty } : {}),
    ...(b.logit_bias != null && Object.keys(b.logit_bias).length > 0 ? { logitBias: b.logit_bias } : {}),
    ...(caller ? { caller } : {}),
    stream: b.stream === true,
    includeUsage: b.stream_options?.include_usage === true,
  };
}

export function toChatRequest(body: ChatBody): ChatRequest {
  return {
    model: body.model,
    // Providers know one instruction role; OpenAI's developer messages are system messages to them.
    messages: body.messages.map((m) => ({ role: m.role === 'developer' ? 'system' : m.role, content: m.content })),
    temperature: body.temperature,
    maxTokens: body.maxTokens,
    n: body.n,
    ...(body.seed !== undefined ? { seed: body.seed } : {}),
    ...(body.stop ? { stop: body.stop } : {}),
    ...(body.topLogprobs !== undefined ? { topLogprobs: body.topLogprobs } : {}),
    ...(body.topP !== undefined ? { topP: body.topP } : {}),
    ...(body.frequencyPenalty !== undefined ? { frequencyPenalty: body.frequencyPenalty } : {}),
    ...(body.presencePenalty !== undefined ? { presencePenalty: body.presencePenalty } : {}),
    ...(body.logitBias !== undefined ? { logitBias: body.logitBias } : {}),
    ...(body.caller ? { caller: body.caller } : {}),
  };
}

/** What makes two requests the same sample; parameters at their defaults leave the key as it always was. */
export function sampleFields(body: ChatBody): SampleFields {
  return {
    model: body.model,
    messages: body.messages,
    temperature: body.temperature,
    max_tokens: body.maxTokens,
    n: body.n,
    seed: body.seed ?? null,
    stop: body.stop ?? null,
    logprobs: body.logprobs,
    top_logprobs: body.topLogprobs ?? null,
    ...(body.topP !== undefined && body.topP !== 1 ? { top_p: body.topP } : {}),
    ...(body.frequencyPenalty ? { frequency_penalty: body.frequencyPenalty } : {}),
    ...(body.presencePenalty ? { presence_penalty: body.presencePenalty } : {}),
    ...(body.logitBias ? { logit_bias: body.logitBias } : {}),
  };
}
