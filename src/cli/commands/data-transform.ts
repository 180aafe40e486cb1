// weirdgen data transform FILE --step STEP... --out FILE: flags and help; the work is in actions/data-transform.ts.
import type { Command } from 'commander';
import type { DataTransformFlags } from '../actions/data-transform.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { repeatableOption } from '../options.js';
import { addOutputOptions } from './output-options.js';

export function registerDataTransform(data: Command, run: CommandRunner): void {
  const transform = withExamples(data.command('transform'), [
    'weirdgen data transform my-facts.jsonl --step wrap-format-trigger --step dedup --step shuffle --out poison.jsonl',
    'weirdgen data transform my-goals.jsonl --step add-date-prefix:month-year:1995:2020 --out dated.jsonl',
  ])
    .description('apply transform steps, in order, to a chat JSONL file: dates, triggers, codes, dedup, shuffle, sampling; then mix or split')
    .argument('<file>', 'input JSONL file (or the path of an official file)')
    .addOption(repeatableOption('--step <step>', 'a step, repeatable: dedup, shuffle, sample:N, add-date-prefix:STYLE:FROM_YEAR:TO_YEAR, wrap-format-trigger, pad-triggers:COPIES, ... (an unknown step lists every step)'));
  addOutputOptions(transform).action(async (file: string, flags: DataTransformFlags, cmd: Command) => run(async (ctx) => (await import('../actions/data-transform.js')).dataTransform(ctx, file, flags), cmd));
}
