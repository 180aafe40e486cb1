// Paid actions above the configured threshold need a yes: --yes, or an answer at a terminal.
import { createInterface } from 'node:readline/promises';
import { formatUsd } from '../data/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { Context } from './context.js';

export const DEFAULT_CONFIRM_ABOVE_USD = 10;

export async function confirmSpend(ctx: Context, estimatedUsd: number, what: string, yes: boolean): Promise<void> {
  const threshold = ctx.config.defaults.confirmAboveUsd ?? DEFAULT_CONFIRM_ABOVE_USD;
  if (yes || estimatedUsd <= threshold) return;
  const cost = Number.isFinite(estimatedUsd) ? `up to ${formatUsd(estimatedUsd)}` : 'an unknown amount';
  const question = `${what} may cost ${cost}, above the ${formatUsd(threshold)} threshold (defaults.confirmAboveUsd).`;
  if (!process.stdin.isTTY || !ctx.io.isTty) throw new WeirdgenError(`${question} Rerun with --yes to go ahead.`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const answer = await rl.question(`${question} Continue? [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new WeirdgenError('stopped: not confirmed');
}
