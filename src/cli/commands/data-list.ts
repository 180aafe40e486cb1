// weirdgen data list: help; the work is in actions/data-list.ts.
import type { Command } from 'commander';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';

export function registerDataList(data: Command, run: CommandRunner): void {
  withExamples(data.command('list'), ['weirdgen data list', 'weirdgen --json data list'])
    .description('list the pinned official files and every buildable dataset variant')
    .action(async (_flags: unknown, cmd: Command) => run(async (ctx) => (await import('../actions/data-list.js')).dataList(ctx), cmd));
}
