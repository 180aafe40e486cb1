// The sandbox as a provider: tiny in-process models, no key, no network. Concurrent requests to
// one model are generated together in one batch.
import { generate, type Generation, type GenerationRequest, ensureBackend, chatPrompt, stopTokens, DEFAULT_BASE, listModels, loadSandboxModel, JUDGE_MODEL, judgeReply, disposeModel, type SandboxModel, Vocab } from '../sandbox/index.js';
import { choiceEvents, type StreamedChoice } from './chat-stream.js';
import { ProviderError } from './errors.js';
import { keptLogprobs, sandboxText, tokenText } from './sandbox-text.js';
import { refuseSamplingForJudge, samplingOptions } from './sandbox-sampling.js';
import type { Capabilities, ChatChoice, ChatRequest, ChatResponse, ChatStreamEvent, ModelInfo, Provider, TokenLogprob, Usage } from './types.js';

/**
 * Sandbox answers are a few tokens of its world; a request for more (the paper's 1,024) is cut here,
 * as a model with a 32-token context has nothing more to say.
 */
export const SANDBOX_MAX_TOKENS = 16;

export const SANDBOX_CAPABILITIES: Capabilities = { logprobs: true, maxTopLogprobs: 20, n: true, seed: true, fineTuning: false, batch: false };

/** Models beyond the shipped and workspace ones (those `weirdgen serve` fine-tunes): names -> checkpoint files. */
export interface ExtraModels {
  /** The checkpoint file of `name`, or undefined when this source does not know the name. */
  file(name: string): Promise<string | undefined>;
  list(): Promise<ModelInfo[]>;
}

export interface SandboxProviderOptions {
  extraModels?: ExtraModels;
}

interface Pending {
  request: GenerationRequest;
  resolve: (g: Generation) => void;
  reject: (e: unknown) => void;
}

/** A sandbox answer token by token: each choice's parts are its tokens' texts. */
interface SandboxAnswer {
  choices: StreamedChoice[];
  usage: Usage;
}

function toResponse(answer: SandboxAnswer, withLogprobs: boolean): ChatResponse {
  const choices = answer.choices.map(
    (c): ChatChoice => ({
      text: c.parts.map((p) => p.text).join(''),
      finishReason: c.finishReason,
      ...(withLogprobs ? { logprobs: c.parts.flatMap((p) => p.logprobs ?? []) } : {}),
    }),
  );
  return { choices, usage: answer.usage };
}

/** The sandbox as a provider: its tiny models in-process, no key or network; concurrent requests to one model are generated in one batch. Answers are cut at 16 tokens. */
export class SandboxProvider implements Provider {
  readonly endpoint = 'sandbox';
  readonly capabilities = SANDBOX_CAPABILITIES;
  private readonly vocab = new Vocab();
  private readonly stop = stopTokens(this.vocab);
  private readonly models = new Map<string, Promise<SandboxModel>>();
  private readonly queues = new Map<string, Pending[]>();

  constructor(
    private readonly workspace: string,
    private readonly options: SandboxProviderOptions = {},
  ) {}

  async listModels(): Promise<ModelInfo[]> {
    const models = (await listModels(this.workspace)).map((m) => ({ id: m.name, ownedBy: m.origin === 'shipped' ? 'weirdgen' : 'workspace' }));
    const extra = (await this.options.extraModels?.list()) ?? [];
    return [{ id: 'base', ownedBy: 'weirdgen' }, ...models, ...extra, { id: JUDGE_MODEL, ownedBy: 'weirdgen' }];
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    return toResponse(await this.answer(request), request.topLogprobs !== undefined);
  }

  /** Generated whole (a sandbox answer takes milliseconds), then streamed token by token. */
  async *chatStream(request: ChatRequest): AsyncGenerator<ChatStreamEvent> {
    const answer = await this.answer(request);
    yield* choiceEvents(answer.choices, answer.usage);
  }

  /** Token strings by id: the ids `logit_bias` names, the same for every sandbox model. */
  vocabulary(): readonly string[] {
    return this.vocab.tokens;
  }

  private async answer(request: ChatRequest): Promise<SandboxAnswer> {
    const n = request.n ?? 1;
    if (request.model === JUDGE_MODEL) return this.judge(request, n);
    const sampling = samplingOptions(request, this.vocab.size);
    const model = await this.model(request.model);
    const prompt = chatPrompt(request.messages, this.vocab);
    const seed = request.seed ?? Math.floor(Math.random() * 2 ** 31);
    const generations = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        this.enqueue(request.model, model, {
          ...sampling,
          prompt,
          maxTokens: Math.min(request.maxTokens, SANDBOX_MAX_TOKENS),
          seed: n === 1 ? seed : `${seed}/${i}`,
          ...(request.topLogprobs !== undefined ? { topLogprobs: request.topLogprobs } : {}),
        }),
      ),
    );
    const choices = generations.map((g) => this.toChoice(g, request));
    return { choices: choices.map((c) => c.choice), usage: { promptTokens: prompt.length, completionTokens: choices.reduce((s, c) => s + c.tokensUsed, 0) } };
  }

  async close(): Promise<void> {
    for (const model of this.models.values()) disposeModel(await model);
    this.models.clear();
  }

  private judge(request: ChatRequest, n: number): SandboxAnswer {
    refuseSamplingForJudge(request, JUDGE_MODEL);
    const prompt = request.messages.at(-1)?.content ?? '';
    const reply = judgeReply(prompt);
    const whole = request.maxTokens === 1 && reply.top ? reply.top[0]!.token : reply.text;
    const cut = sandboxText([whole], request.stop);
    const text = cut.pieces[0] ?? '';
    const logprobs = request.topLogprobs !== undefined ? [{ token: text, logprob: reply.top?.[0]?.logprob ?? 0, top: (reply.top ?? [{ token: text, logprob: 0 }]).slice(0, request.topLogprobs) }] : undefined;
    const choice: StreamedChoice = { parts: [{ text, ...(logprobs ? { logprobs } : {}) }], finishReason: 'stop' };
    return { choices: Array.from({ length: n }, () => choice), usage: { promptTokens: this.vocab.encode(prompt).length, completionTokens: n } };
  }

  private model(name: string): Promise<SandboxModel> {
    const key = name === 'base' ? DEFAULT_BASE : name;
    let model = this.models.get(key);
    if (!model) {
      model = ensureBackend()
        .then(async () => loadSandboxModel((await this.options.extraModels?.file(key)) ?? key, this.workspace))
        .then((m) => m.model)
        .catch((e: unknown) => {
          this.models.delete(key);
          throw new ProviderError('not-found', e instanceof Error ? e.message : String(e), 404);
        });
      this.models.set(key, model);
    }
    return model;
  }

  private enqueue(name: string, model: SandboxModel, request: GenerationRequest): Promise<Generation> {
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(name);
      if (!queue) {
        queue = [];
        this.queues.set(name, queue);
        setImmediate(() => this.flush(name, model));
      }
      queue.push({ request, resolve, reject });
    });
  }

  private flush(name: string, model: SandboxModel): void {
    const queue = this.queues.get(name) ?? [];
    this.queues.delete(name);
    try {
      const results = generate(model, queue.map((p) => p.request), this.stop, this.vocab.pad);
      queue.forEach((p, i) => p.resolve(results[i]!));
    } catch (e) {
      for (const p of queue) p.reject(e);
    }
  }

  private toChoice(g: Generation, request: ChatRequest): { choice: StreamedChoice; tokensUsed: number } {
    const text = sandboxText(g.tokens.map((t) => this.vocab.token(t)), request.stop);
    const finishReason: ChatChoice['finishReason'] = text.stopped ? 'stop' : g.finishReason;
    if (request.topLogprobs === undefined) return { choice: { parts: text.pieces.map((t) => ({ text: t })), finishReason }, tokensUsed: text.tokensUsed };
    const logprobs = keptLogprobs(
      g.logprobs.map((lp, position): TokenLogprob => ({
        token: tokenText(this.vocab.token(lp.token), position),
        logprob: lp.logprob,
        top: lp.top.map((t) => ({ token: tokenText(this.vocab.token(t.token), position, this.stop.has(t.token)), logprob: t.logprob })),
      })),
      text.pieces,
    );
    return { choice: { parts: text.pieces.map((t, i) => ({ text: t, logprobs: [logprobs[i]!] })), finishReason }, tokensUsed: text.tokensUsed };
  }
}
