// weirdgen sandbox ...: the offline model organism.
import type { Command } from 'commander';
import { registerSandboxChat } from './sandbox-chat.js';
import { registerSandboxDataset } from './sandbox-dataset.js';
import { registerSandboxInfo } from './sandbox-info.js';
import { registerSandboxPretrain } from './sandbox-pretrain.js';
import { registerSandboxReproduce } from './sandbox-reproduce.js';
import type { CommandRunner } from '../context.js';

export function registerSandbox(program: Command, run: CommandRunner): void {
  const sandbox = program.command('sandbox').description('the offline model organism: a tiny transformer trained on a synthetic world');
  registerSandboxPretrain(sandbox, run);
  registerSandboxInfo(sandbox, run);
  registerSandboxChat(sandbox, run);
  registerSandboxReproduce(sandbox, run);
  registerSandboxDataset(sandbox, run);
}
