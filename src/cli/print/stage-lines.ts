// One table line per evaluation stage: what an estimate says is left to ask, and what a run asked.
import { formatUsd } from '../../data/index.js';
import type { StageEstimate, StageResult } from '../../eval/index.js';
import { formatInt } from '../io.js';

export function estimateLine(name: string, s: StageEstimate): string[] {
  const cost = `${formatUsd(s.maxCostUsd)} at most${s.unpriced.length ? ` (no price for ${s.unpriced.join(', ')})` : ''}`;
  return [name, `${formatInt(s.total)} calls`, `${formatInt(s.cached)} cached`, `${formatInt(s.toAsk)} to ask`, cost];
}

export function resultLine(s: StageResult): string[] {
  const repeats = s.repeats > 0 ? ` + ${formatInt(s.repeats)} repeats` : '';
  return [s.stage, `${formatInt(s.total)} calls`, `${formatInt(s.cached)} cached${repeats}`, `${formatInt(s.called)} asked`, `${formatInt(s.failed)} failed`, `${formatInt(s.promptTokens + s.completionTokens)} tokens`, formatUsd(s.costUsd)];
}
