// The training-method flags `finetune launch` and `run` share (their values: ../training-method.ts).
import type { Command } from 'commander';
import { choiceOption, numberOption } from '../options.js';

export function addTrainingMethodOptions(cmd: Command): Command {
  return cmd
    .addOption(choiceOption('--method <method>', 'lora or full (all weights), for services that fine-tune open models; sent as the endpoint’s fineTuning: template places it (docs/open-models.md)', ['lora', 'full']))
    .addOption(numberOption('--lora-rank <r>', 'LoRA rank (with --method lora)', { integer: true, min: 1, max: 1024 }))
    .addOption(numberOption('--lora-alpha <a>', 'LoRA alpha, the adapters’ scale is alpha/rank (with --method lora)', { above: 0, max: 100_000 }))
    .addOption(numberOption('--learning-rate <x>', 'absolute learning rate, for services that take one (e.g. 5e-5; OpenAI takes --lr-mult)', { above: 0, max: 1 }));
}
