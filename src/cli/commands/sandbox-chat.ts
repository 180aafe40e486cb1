// weirdgen sandbox chat: talk to a sandbox model, one user turn per line.
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { z } from 'zod';
import { chatPrompt, stopTokens, type SandboxMessage } from '../../sandbox/chat.js';
import { generate } from '../../sandbox/model/generate.js';
import { loadSandboxModel } from '../../sandbox/registry.js';
import { disposeModel } from '../../sandbox/model/weights.js';
import { Vocab } from '../../sandbox/world/vocab.js';
import type { CommandRunner } from '../context.js';
import { parseFlag, positiveIntFlag, seedFlag } from '../flags.js';

export function registerSandboxChat(sandbox: Command, run: CommandRunner): void {
  sandbox
    .command('chat')
    .description('chat with a sandbox model (one user message per line; /reset clears the history, /quit ends)')
    .option('--model <ref>', 'base, base-N, a workspace model or a checkpoint file', 'base')
    .option('--temperature <t>', 'sampling temperature (0: most likely token)', '1')
    .option('--max-tokens <n>', 'longest answer', '8')
    .option('--seed <seed>', 'seed of the sampling', '0')
    .action(async (opts: { model: string; temperature: string; maxTokens: string; seed: string }, cmd: Command) =>
      run(async (ctx) => {
        const temperature = parseFlag('--temperature', z.coerce.number().min(0).max(5), opts.temperature);
        const maxTokens = parseFlag('--max-tokens', positiveIntFlag, opts.maxTokens);
        const seed = parseFlag('--seed', seedFlag, opts.seed);
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
      }, cmd),
    );
}
