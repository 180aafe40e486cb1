// weirdgen cache stats|explain|clear: flags and help; the work is in actions/cache.ts.
import type { Command } from 'commander';
import type { ClearFlags } from '../actions/cache.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { choiceOption } from '../options.js';

export function registerCache(program: Command, run: CommandRunner): void {
  const cache = withExamples(program.command('cache').description('the stored answers (requests) and judge calls (judgments)'), ['weirdgen cache stats', 'weirdgen cache clear --failed']);
  withExamples(cache.command('stats'), ['weirdgen cache stats', 'weirdgen --json cache stats'])
    .description('stored calls per table, endpoint, model and status, with tokens')
    .action(async (_flags: unknown, cmd: Command) => run(async (ctx) => (await import('../actions/cache.js')).cacheStats(ctx), cmd));
  withExamples(cache.command('explain'), ['weirdgen cache explain 3fa2c1'])
    .description('what a stored call was keyed on (its key material), and what it holds')
    .argument('<key>', 'a cache key or a unique prefix of at least 6 characters')
    .action(async (key: string, _flags: unknown, cmd: Command) => run(async (ctx) => (await import('../actions/cache.js')).cacheExplain(ctx, key), cmd));
  withExamples(cache.command('clear'), ['weirdgen cache clear --failed', 'weirdgen cache clear --endpoint openai --model gpt-4.1-2025-04-14 --table judgments --yes'])
    .description('delete stored calls (all, or those of an endpoint, a model, or only failures)')
    .option('--endpoint <name>', 'only calls to this endpoint')
    .option('--model <name>', 'only calls to this model (its name on the endpoint)')
    .option('--failed', 'only calls stored as failed')
    .addOption(choiceOption('--table <table>', 'which table', ['requests', 'judgments', 'both'], 'both'))
    .option('--yes', 'needed to clear answers (they may have cost money)')
    .action(async (flags: ClearFlags, cmd: Command) => run(async (ctx) => (await import('../actions/cache.js')).cacheClear(ctx, flags), cmd));
}
