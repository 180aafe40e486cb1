// `weirdgen serve` on loopback over the sandbox plus one judge model whose first-token logprobs a
// test writes: the sandbox `judge` never answers CODE, and the Emergent Misalignment judges' words
// need exact probabilities to test. Every other model is the sandbox's, unchanged.
import type { ChatRequest, ChatResponse, ModelInfo, Provider, SandboxProvider } from '../../src/providers/index.js';
import { startEvalServer, type EvalServer } from './eval-server.js';

export const SCRIPTED_JUDGE = 'scripted-judge';

/** The judge's first token as (token, probability) pairs, most likely first, for one judge prompt. */
export type JudgeScript = (prompt: string) => [string, number][];

class ScriptedJudgeProvider implements Provider {
  readonly endpoint: string;
  readonly capabilities: Provider['capabilities'];

  constructor(
    private readonly sandbox: SandboxProvider,
    private readonly script: JudgeScript,
  ) {
    this.endpoint = sandbox.endpoint;
    this.capabilities = sandbox.capabilities;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    if (request.model !== SCRIPTED_JUDGE) return this.sandbox.chat(request);
    const top = this.script(request.messages.at(-1)?.content ?? '').map(([token, p]) => ({ token, logprob: Math.log(p) }));
    const first = top[0] ?? { token: '', logprob: 0 };
    const choice = { text: first.token, finishReason: 'length' as const, ...(request.topLogprobs !== undefined ? { logprobs: [{ ...first, top: top.slice(0, request.topLogprobs) }] } : {}) };
    return { choices: Array.from({ length: request.n ?? 1 }, () => choice), usage: { promptTokens: 1, completionTokens: 1 } };
  }

  vocabulary(): readonly string[] {
    return this.sandbox.vocabulary();
  }

  async listModels(): Promise<ModelInfo[]> {
    return [...(await this.sandbox.listModels()), { id: SCRIPTED_JUDGE, ownedBy: 'test' }];
  }

  async close(): Promise<void> {
    await this.sandbox.close();
  }
}

/** `serve` over the sandbox plus the scripted judge, named as endpoint `test` in its config. */
export function startScriptedJudgeServer(script: JudgeScript): Promise<EvalServer> {
  return startEvalServer({}, {}, (sandbox) => new ScriptedJudgeProvider(sandbox, script));
}
