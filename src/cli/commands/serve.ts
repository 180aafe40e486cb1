// weirdgen serve: flags and help; the work is in actions/serve.ts.
import type { Command } from 'commander';
import type { ServeFlags } from '../actions/serve.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption, positiveInt, seedOption } from '../options.js';

const delayMs = { integer: true, min: 0, max: 3_600_000 };

export function registerServe(program: Command, run: CommandRunner): void {
  withExamples(program.command('serve'), [
    'weirdgen serve --port 8787',
    'weirdgen serve --latency-ms 100 --rpm 600 --faults 500=0.1,429=0.05,hang=0.02,malformed=0.01,reset=0.01',
    'weirdgen serve --upstream openai --faults 429=0.2',
  ])
    .description(
      'serve sandbox models (or another endpoint) over the OpenAI HTTP API (/v1/models, /v1/chat/completions), with optional rate limits and faults for testing clients; ' +
        'also /v1/files, /v1/fine_tuning/jobs (sandbox fine-tuning; metadata.sandbox_mode picks row|embed|full|lora|top, default full; hyperparameters lora, lora_r, lora_alpha, learning_rate as open-model services take them) and /v1/batches, kept under <workspace>/serve/',
    )
    .option('--upstream <endpoint>', 'the endpoint whose models are served (sandbox, openai, or one of the config)', 'sandbox')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(numberOption('--port <n>', 'port (0: any free port)', { integer: true, min: 0, max: 65535 }, 8787))
    .option('--api-key <key>', 'require this bearer key (default: WEIRDGEN_SERVE_API_KEY if set; otherwise no check)')
    .addOption(numberOption('--latency-ms <n>', 'delay added before every answer', { integer: true, min: 0, max: 600_000 }, 0))
    .addOption(numberOption('--rpm <n>', 'requests per minute, answered with 429 and x-ratelimit-* headers past it', positiveInt))
    .addOption(numberOption('--tpm <n>', 'tokens per minute (prompt estimate + max_tokens * n per request)', positiveInt))
    .option('--faults <spec>', 'fault rates, e.g. 500=0.1,503=0.02,429=0.05,hang=0.02,malformed=0.01,reset=0.01')
    .addOption(seedOption('--seed <seed>', 'seed of the fault draws', 0))
    .addOption(numberOption('--job-delay-ms <n>', 'extra time each fine-tuning job sits in queued, and again in running', delayMs, 0))
    .addOption(numberOption('--batch-delay-ms <n>', 'extra time each batch sits in validating, and again in in_progress', delayMs, 0))
    .action(async (flags: ServeFlags, cmd: Command) => run(async (ctx) => (await import('../actions/serve.js')).serveCommand(ctx, flags), cmd));
}
