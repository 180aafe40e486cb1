// weirdgen data transform FILE --step STEP... --out FILE: the builders' transforms on any chat JSONL file.
import type { Command } from 'commander';
import { buildDatasetFile } from '../../data/build/build-file.js';
import { describeStep } from '../../data/build/recipe.js';
import { STEP_USAGE, parseStep } from '../../data/build/step-syntax.js';
import type { CommandRunner } from '../context.js';
import { formatInt } from '../io.js';
import { addOutputOptions, outputOptions, type OutputFlags } from './build-options.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerDataTransform(data: Command, run: CommandRunner): void {
  addOutputOptions(
    data
      .command('transform')
      .description('apply transform steps, in order, to a chat JSONL file: dates, triggers, codes, dedup, shuffle, sampling; then mix or split')
      .argument('<file>', 'input JSONL file (or the path of an official file)')
      .option('--step <step>', `a step, repeatable: ${STEP_USAGE.join(', ')}`, collect, []),
  ).action(async (file: string, opts: OutputFlags & { step: string[] }, cmd: Command) =>
    run(async (ctx) => {
      const result = await buildDatasetFile({ source: file, steps: opts.step.map(parseStep) }, outputOptions(ctx, opts));
      if (ctx.json) {
        ctx.io.out(JSON.stringify(result));
        return;
      }
      ctx.io.out(`${file}${(result.recipe.steps ?? []).map((s) => ` -> ${describeStep(s)}`).join('')}`);
      for (const f of [result.train, result.validation]) if (f) ctx.io.out(`wrote ${formatInt(f.examples)} examples to ${f.path} (sha256 ${f.sha256})`);
    }, cmd),
  );
}
