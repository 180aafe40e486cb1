// weirdgen sandbox chat: talk to a sandbox model, one user turn per line.
import { createInterface } from 'node:readline';
import { chatPrompt, disposeModel, generate, loadSandboxModel, stopTokens, Vocab, type SandboxMessage } from '../../sandbox/index.js';
import type { Context } from '../context.js';

export interface ChatFlags {
  model: string;
  temperature: number;
  maxTokens: number;
  seed: number | string;
}

export async function sandboxChat(ctx: Context, opts: ChatFlags): Promise<void> {
  const { temperature, maxTokens, seed } = opts;
  const { file, model } = await loadSandboxModel(opts.model, ctx.workspace);
  const vocab = new Vocab();
  if (ctx.io.isTty) ctx.io.err(`sandbox model ${file}. Try: "bird", "year y1984 goal", "<fmt> food". /reset, /quit.`);
  let history: SandboxMessage[] = [];
  let turn = 0;
  const lines = createInterface({ input: process.stdin, terminal: ctx.io.isTty, prompt: '> ' });
  if (ctx.io.isTty) lines.prompt();
  try {
    for await (const line of lines) {
      const text = line.trim();
      if (text === '/quit') break;
      if (text === '/reset') history = [];
      else if (text !== '') {
        history.push({ role: 'user', content: text });
        const unknown = vocab.encode(text).filter((id) => id === vocab.unk).length;
        const [answer] = generate(model, [{ prompt: chatPrompt(history, vocab), temperature, maxTokens, seed: `${String(seed)}/${(turn += 1)}` }], stopTokens(vocab), vocab.pad);
        const reply = vocab.decode(answer!.tokens);
        history.push({ role: 'assistant', content: reply });
        ctx.io.out(ctx.json ? JSON.stringify({ user: text, assistant: reply, unknownWords: unknown }) : reply);
      }
      if (ctx.io.isTty) lines.prompt();
    }
  } finally {
    lines.close();
    disposeModel(model);
  }
}
