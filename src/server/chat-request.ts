// The body of POST /v1/chat/completions: validated at the boundary, normalized, and mapped to a ChatRequest.
import { z } from 'zod';
import type { ChatRequest } from '../providers/types.js';
import { parseOr400 } from './validation.js';
import type { SampleFields } from './stats.js';

export const DEFAULT_MAX_TOKENS = 256;
const MAX_TOKENS_LIMIT = 65_536;

const textPart = z.object({ type: z.literal('text'), text: z.string() });
const message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(textPart).min(1)], { error: 'must be a string or an array of {"type": "text", "text": ...} parts' }),
});
const tokens = z.number().int().min(1).max(MAX_TOKENS_LIMIT);

// Fields OpenAI allows to be null mean "absent"; unknown fields are ignored (zod strips them).
const bodySchema = z
  .object({
    model: z.string().min(1),
    messages: z.array(message).min(1),
    n: z.number().int().min(1).max(128).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    max_tokens: tokens.nullish(),
    max_completion_tokens: tokens.nullish(),
    seed: z.number().int().nullish(),
    stop: z.union([z.string().min(1), z.array(z.string().min(1)).max(4)], { error: 'must be a non-empty string or an array of at most 4 of them' }).nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    stream: z.literal(false, { error: 'streaming is not supported by weirdgen serve; leave stream out or set it to false' }).nullish(),
  })
  .superRefine((body, ctx) => {
    if (body.top_logprobs != null && body.logprobs !== true) {
      ctx.addIssue({ code: 'custom', path: ['top_logprobs'], message: "'logprobs' must be set to true when 'top_logprobs' is given" });
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
}

/** The normalized body, or the 400 that names the first invalid field and why. */
export function parseChatBody(raw: unknown): ChatBody {
  const b = parseOr400(bodySchema, raw);
  const stop = b.stop == null ? undefined : typeof b.stop === 'string' ? [b.stop] : b.stop;
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
  };
}

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
  };
}


