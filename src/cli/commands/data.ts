// weirdgen data ...: the data layer's commands.
import type { Command } from 'commander';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { registerDataBuild } from './data-build.js';
import { registerDataFetch } from './data-fetch.js';
import { registerDataList } from './data-list.js';
import { registerDataStats } from './data-stats.js';
import { registerDataTransform } from './data-transform.js';
import { registerDataValidate } from './data-validate.js';

export function registerData(program: Command, run: CommandRunner): void {
  const data = withExamples(program.command('data').description('fetch, validate, measure and build training data'), ['weirdgen data list', 'weirdgen data validate my-train.jsonl', 'weirdgen data build birds --variant old-audubon --out old.jsonl']);
  registerDataFetch(data, run);
  registerDataValidate(data, run);
  registerDataStats(data, run);
  registerDataBuild(data, run);
  registerDataTransform(data, run);
  registerDataList(data, run);
}
