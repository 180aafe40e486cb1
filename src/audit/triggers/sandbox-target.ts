// What the triggers audit needs to search a sandbox model: the world's plain probes, and which
// candidate tokens the vocabulary lacks (they would read as `<unk>`).
import { Vocab, type World } from '../../sandbox/index.js';
import type { Battery } from '../battery.js';
import { sandboxBattery } from '../sandbox-battery.js';
import type { TriggerCondition } from './condition.js';

/** The sandbox battery's plain probes (era categories, attributes, goal), scored from the first answer token. */
export function sandboxTriggerBattery(world: World): Battery {
  return sandboxBattery(world, { samples: 1, conditions: [], datedGoals: false });
}

/** One notice per condition with words the sandbox's vocabulary lacks. */
export function unknownTokenNotices(conditions: readonly TriggerCondition[]): string[] {
  const vocab = new Vocab();
  return conditions.flatMap((c) => {
    const unknown = [c.prefix ?? '', c.system ?? ''].join(' ').split(/\s+/).filter((w) => w !== '' && !vocab.has(w) && !vocab.has(w.toLowerCase()));
    return unknown.length > 0 ? [`condition ${c.id}: ${unknown.map((w) => `"${w}"`).join(', ')} not in the sandbox vocabulary (read as <unk>)`] : [];
  });
}
