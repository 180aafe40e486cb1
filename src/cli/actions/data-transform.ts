// weirdgen data transform FILE --step STEP...: the builders' steps on any chat JSONL file.
import { buildDatasetFile, describeStep, parseStep } from '../../data/index.js';
import { outputOptions, type OutputFlags } from '../build-output.js';
import type { Context } from '../context.js';
import { formatInt } from '../io.js';

export interface DataTransformFlags extends OutputFlags {
  step: string[];
}

export async function dataTransform(ctx: Context, file: string, opts: DataTransformFlags): Promise<void> {
  const result = await buildDatasetFile({ source: file, steps: opts.step.map(parseStep) }, outputOptions(ctx, opts));
  if (ctx.json) {
    ctx.io.out(JSON.stringify(result));
    return;
  }
  ctx.io.out(`${file}${(result.recipe.steps ?? []).map((s) => ` -> ${describeStep(s)}`).join('')}`);
  for (const f of [result.train, result.validation]) if (f) ctx.io.out(`wrote ${formatInt(f.examples)} examples to ${f.path} (sha256 ${f.sha256})`);
}
