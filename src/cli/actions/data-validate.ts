// weirdgen data validate FILE...: OpenAI's fine-tuning rules, file:line:column per problem.
import { formatIssue, validateFile } from '../../data/index.js';
import type { Context } from '../context.js';
import { plural } from '../io.js';

export interface DataValidateFlags {
  model?: string;
  minExamples: number;
  longTokens: number;
}

export async function dataValidate(ctx: Context, files: string[], opts: DataValidateFlags): Promise<void> {
  // Only the JSON output reports token counts; the checks need them only for examples near a limit.
  const options = { model: opts.model ?? ctx.defaultBaseModel, minExamples: opts.minExamples, longExampleTokens: opts.longTokens, countTokens: ctx.json };
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
}
