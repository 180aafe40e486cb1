// weirdgen cache stats|explain|clear: the stored answers and judgments.
import type { Command } from 'commander';
import type { CachedCall, CallCache } from '../../store/call-cache.js';
import { z } from 'zod';
import { WeirdgenError } from '../../util/errors.js';
import { parseFlag } from '../flags.js';
import type { CommandRunner } from '../context.js';
import { formatInt, table } from '../io.js';

function findByPrefix(cache: CallCache, prefix: string): CachedCall[] {
  return cache.keysWithPrefix(prefix).map((key) => cache.get(key)!);
}

export function registerCache(program: Command, run: CommandRunner): void {
  const cache = program.command('cache').description('the stored answers (requests) and judge calls (judgments)');
  cache
    .command('stats')
    .description('stored calls per table, endpoint, model and status, with tokens')
    .action(async (_opts: unknown, cmd: Command) =>
      run(
        (ctx) =>
          ctx.withStore((store) => {
            const rows = [...store.requests.stats().map((r) => ({ table: 'requests', ...r })), ...store.judgments.stats().map((r) => ({ table: 'judgments', ...r }))];
            if (ctx.json) return ctx.io.out(JSON.stringify({ file: store.file, rows }));
            ctx.io.out(`${store.file}`);
            if (rows.length === 0) return ctx.io.out('empty');
            ctx.io.out(table([['table', 'endpoint', 'model', 'status', 'calls', 'prompt tokens', 'completion tokens'], ...rows.map((r) => [r.table, r.endpoint, r.model, r.status, formatInt(r.count), formatInt(r.promptTokens), formatInt(r.completionTokens)])]));
          }),
        cmd,
      ),
    );
  cache
    .command('explain')
    .description('what a stored call was keyed on (its key material), and what it holds')
    .argument('<key>', 'a cache key or a unique prefix of at least 6 characters')
    .action(async (key: string, _opts: unknown, cmd: Command) =>
      run(
        (ctx) =>
          ctx.withStore((store) => {
            parseFlag('<key>', z.string().regex(/^[0-9a-f]{6,64}$/, 'a key is hexadecimal; give at least 6 characters'), key);
            const found = [...findByPrefix(store.requests, key).map((c) => ({ table: 'requests', ...c })), ...findByPrefix(store.judgments, key).map((c) => ({ table: 'judgments', ...c }))];
            if (found.length === 0) throw new WeirdgenError(`cache explain: no stored call with key ${key}...`);
            if (found.length > 1) throw new WeirdgenError(`cache explain: ${found.length} keys start with ${key}; give more characters`);
            const call = found[0]!;
            if (ctx.json) return ctx.io.out(JSON.stringify(call));
            ctx.io.out(
              table([
                ['key', call.key],
                ['table', call.table],
                ['status', call.status],
                ['attempts', String(call.attempts)],
                ['tokens', `${call.promptTokens} prompt, ${call.completionTokens} completion`],
                ['stored', `${call.createdAt} (updated ${call.updatedAt})`],
                ...(call.error ? [['error', call.error]] : []),
              ]),
            );
            ctx.io.out(`\nkey material (sha256 of its canonical JSON is the key):\n${JSON.stringify(call.material, null, 2)}`);
            if (call.choices) ctx.io.out(`\nanswer:\n${call.choices.map((c) => c.text).join('\n---\n')}`);
          }),
        cmd,
      ),
    );
  cache
    .command('clear')
    .description('delete stored calls (all, or those of an endpoint, a model, or only failures)')
    .option('--endpoint <name>')
    .option('--model <name>')
    .option('--failed', 'only calls stored as failed')
    .option('--table <table>', 'requests, judgments or both', 'both')
    .option('--yes', 'needed to clear answers (they may have cost money)')
    .action(async (opts: { endpoint?: string; model?: string; failed?: boolean; table: string; yes?: boolean }, cmd: Command) =>
      run(
        (ctx) =>
          ctx.withStore((store) => {
            const which = parseFlag('--table', z.enum(['requests', 'judgments', 'both']), opts.table);
            if (!opts.failed && !opts.yes) throw new WeirdgenError('cache clear deletes stored answers, which may have cost money: add --yes (or --failed to clear only failures)');
            const filter = { ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), ...(opts.model ? { model: opts.model } : {}), ...(opts.failed ? { failedOnly: true } : {}) };
            const tables = which === 'both' ? [store.requests, store.judgments] : [which === 'requests' ? store.requests : store.judgments];
            const cleared = tables.map((t) => ({ table: t.table, deleted: t.clear(filter) }));
            if (ctx.json) ctx.io.out(JSON.stringify(cleared));
            else ctx.io.out(cleared.map((c) => `${c.table}: ${formatInt(c.deleted)} deleted`).join('\n'));
          }),
        cmd,
      ),
    );
}
