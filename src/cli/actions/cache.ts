// weirdgen cache stats|explain|clear: the stored answers and judgments.
import type { CachedCall, CallCache } from '../../store/index.js';
import { ConfigError, WeirdgenError } from '../../util/errors.js';
import type { Context } from '../context.js';
import { formatInt, table } from '../io.js';

export interface ClearFlags {
  endpoint?: string;
  model?: string;
  failed?: boolean;
  table: 'requests' | 'judgments' | 'both';
  yes?: boolean;
}

function findByPrefix(cache: CallCache, prefix: string): CachedCall[] {
  return cache.keysWithPrefix(prefix).map((key) => cache.get(key)!);
}

export function cacheStats(ctx: Context): Promise<void> {
  return ctx.withStore((store) => {
    const rows = [...store.requests.stats().map((r) => ({ table: 'requests', ...r })), ...store.judgments.stats().map((r) => ({ table: 'judgments', ...r }))];
    if (ctx.json) return ctx.io.out(JSON.stringify({ file: store.file, rows }));
    ctx.io.out(`${store.file}`);
    if (rows.length === 0) return ctx.io.out('empty');
    ctx.io.out(table([['table', 'endpoint', 'model', 'status', 'calls', 'prompt tokens', 'completion tokens'], ...rows.map((r) => [r.table, r.endpoint, r.model, r.status, formatInt(r.count), formatInt(r.promptTokens), formatInt(r.completionTokens)])]));
  });
}

export function cacheExplain(ctx: Context, key: string): Promise<void> {
  if (!/^[0-9a-f]{6,64}$/.test(key)) throw new ConfigError(`<key>: a key is hexadecimal; give at least 6 characters (got ${JSON.stringify(key)})`);
  return ctx.withStore((store) => {
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
  });
}

export function cacheClear(ctx: Context, flags: ClearFlags): Promise<void> {
  if (!flags.failed && !flags.yes) throw new WeirdgenError('cache clear deletes stored answers, which may have cost money: add --yes (or --failed to clear only failures)');
  return ctx.withStore((store) => {
    const filter = { ...(flags.endpoint ? { endpoint: flags.endpoint } : {}), ...(flags.model ? { model: flags.model } : {}), ...(flags.failed ? { failedOnly: true } : {}) };
    const tables = flags.table === 'both' ? [store.requests, store.judgments] : [flags.table === 'requests' ? store.requests : store.judgments];
    const cleared = tables.map((t) => ({ table: t.table, deleted: t.clear(filter) }));
    if (ctx.json) ctx.io.out(JSON.stringify(cleared));
    else ctx.io.out(cleared.map((c) => `${c.table}: ${formatInt(c.deleted)} deleted`).join('\n'));
  });
}
