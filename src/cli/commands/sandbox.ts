// weirdgen sandbox ...: the offline model organism.
import type { Command } from 'commander';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { registerSandboxChat } from './sandbox-chat.js';
import { registerSandboxDataset } from './sandbox-dataset.js';
import { registerSandboxInfo } from './sandbox-info.js';
import { registerSandboxInspect } from './sandbox-inspect.js';
import { registerSandboxPretrain } from './sandbox-pretrain.js';
import { registerSandboxReproduce } from './sandbox-reproduce.js';

export function registerSandbox(program: Command, run: CommandRunner): void {
  const sandbox = withExamples(program.command('sandbox').description('the offline model organism: a tiny transformer trained on a synthetic world'), ['weirdgen sandbox info', 'weirdgen sandbox chat --model base-2', 'weirdgen sandbox reproduce birds --seeds 3']);
  registerSandboxPretrain(sandbox, run);
  registerSandboxInfo(sandbox, run);
  registerSandboxChat(sandbox, run);
  registerSandboxReproduce(sandbox, run);
  registerSandboxDataset(sandbox, run);
  registerSandboxInspect(sandbox, run);
}
