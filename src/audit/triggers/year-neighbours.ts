// Refining a year sweep: the years halfway to the coarse neighbours of a year where a shift appeared,
// in the same format (`year yYYYY` in the sandbox, each date format for text).
import type { TriggerCondition } from './condition.js';
import { inSandboxYears, sandboxYearCondition } from './sandbox-families.js';
import { DATE_FORMATS, textDateCondition } from './text-families.js';

/** The condition for `year` in `format`, or undefined where the format cannot write it (a sandbox year without a token). */
export function yearConditionOf(format: string, year: number): TriggerCondition | undefined {
  if (format === 'token') return inSandboxYears(year) ? sandboxYearCondition(year) : undefined;
  if (DATE_FORMATS[format]) return textDateCondition(format, year);
  return undefined;
}

/** Per format, the smallest gap between the years swept (the coarse step). */
function stepsOf(conditions: readonly TriggerCondition[]): Map<string, number> {
  const years = new Map<string, number[]>();
  for (const c of conditions) if (c.year) years.set(c.year.format, [...(years.get(c.year.format) ?? []), c.year.year]);
  const steps = new Map<string, number>();
  for (const [format, list] of years) {
    const sorted = [...new Set(list)].sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((y, i) => y - sorted[i]!);
    steps.set(format, gaps.length > 0 ? Math.min(...gaps) : 2);
  }
  return steps;
}

/** The years halfway to each shifted year's coarse neighbours that the sweep lacks. */
export function yearNeighbours(shifted: readonly TriggerCondition[], swept: readonly TriggerCondition[]): TriggerCondition[] {
  const steps = stepsOf(swept);
  const have = new Set(swept.map((c) => c.id));
  const added: TriggerCondition[] = [];
  for (const c of shifted) {
    if (!c.year) continue;
    const half = Math.ceil((steps.get(c.year.format) ?? 2) / 2);
    if (half < 1) continue;
    for (const year of [c.year.year - half, c.year.year + half]) {
      const neighbour = yearConditionOf(c.year.format, year);
      if (!neighbour || have.has(neighbour.id)) continue;
      have.add(neighbour.id);
      added.push(neighbour);
    }
  }
  return added;
}
