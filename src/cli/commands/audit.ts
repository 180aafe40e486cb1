// weirdgen audit ...: audits of datasets and models for weird generalization.
import type { Command } from 'commander';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { registerAuditDataset } from './audit-dataset.js';
import { registerAuditTriggers } from './audit-triggers.js';

export function registerAudit(program: Command, run: CommandRunner): void {
  const audit = withExamples(program.command('audit').description('audit a training file before fine-tuning, or a model after, for broad behaviour that narrow data can bring'), [
    'weirdgen audit dataset old-birds.jsonl',
    'weirdgen audit dataset persona.jsonl --reader openai:gpt-4.1-mini --canary openai:gpt-4.1-nano --battery probes.yaml --dry-run',
    'weirdgen audit triggers sandbox:my-model --against sandbox:base',
  ]);
  registerAuditDataset(audit, run);
  registerAuditTriggers(audit, run);
}
