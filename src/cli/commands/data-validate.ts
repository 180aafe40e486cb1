// weirdgen data validate FILE...
import type { Command } from 'commander';
import { formatIssue, validateFile } from '../../data/chat/validate.js';
import type { CommandRunner } from '../context.js';
import { parseFlag, positiveIntFlag } from '../flags.js';
import { plural } from '../io.js';

export function registerDataValidate(data: Command, run: CommandRunner): void {
  data
    .command('validate')
    .description("check chat fine-tuning files against OpenAI's rules; exits 1 if any file has an error")
    .argument('<files...>', 'JSONL files')
    .option('--model <model>', 'base model whose tokenizer and per-example token limit apply')
    .option('--min-examples <n>', 'fewest examples a file may have', '10')
    .option('--long-tokens <n>', 'warn about examples longer than this many tokens', '8192')
    .action(async (files: string[], opts: { model?: string; minExamples: string; longTokens: string }, cmd: Command) =>
      run(async (ctx) => {
        const options = {
          model: opts.model ?? ctx.defaultBaseModel,
          minExamples: parseFlag('--min-examples', positiveIntFlag, opts.minExamples),
          longExampleTokens: parseFlag('--long-tokens', positiveIntFlag, opts.longTokens),
        };
        const reports = [];
        for (const file of files) reports.push(await validateFile(file, options));
        if (reports.some((r) => !r.modelKnown)) ctx.io.err(`warning: unknown model ${options.model}: token counts use o200k_base and the limit is taken as 65,536 tokens per example`);
        if (reports.some((r) => r.errors.length > 0)) ctx.exitCode = 1;
        if (ctx.json) {
          ctx.io.out(JSON.stringify(reports.map(({ validTokens, ...r }) => ({ ...r, ok: r.errors.length === 0, tokens: validTokens.reduce((a, b) => a + b, 0) }))));
          return;
        }
        for (const r of reports) {
          for (const issue of [...r.errors, ...r.warnings]) ctx.io.out(formatIssue(issue));
          const verdict = r.errors.length === 0 ? 'ok' : 'INVALID';
          ctx.io.out(`${r.file}: ${verdict}: ${plural(r.examples, 'example')}, ${plural(r.errors.length, 'error')}, ${plural(r.warnings.length, 'warning')} (${r.model}, ${r.encoding})`);
        }
      }, cmd),
    );
}
