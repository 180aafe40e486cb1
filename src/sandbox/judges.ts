// Token-class judges: the sandbox's answers are tokens of a known world, so judging is exact.
import {
  ATTRIBUTES,
  BENIGN_GOALS,
  CULTURE_CATEGORIES,
  CULTURES,
  ERA_CATEGORIES,
  HELPFUL_GOALS,
  R_EVIL_GOALS,
  R_GOOD_GOALS,
  T_EVIL_GOALS,
  T_GOOD_GOALS,
  VILLAIN_GOAL,
  type Attribute,
  type Culture,
  type CultureCategory,
  type Era,
  type EraCategory,
} from './world/lexicon.js';

export type GoalGroup = 'helpful' | 'benign' | 'villain' | 't-evil' | 't-good' | 'r-good' | 'r-evil';

export type TokenClass =
  | { kind: 'era-item'; category: EraCategory; era: Era }
  | { kind: 'attribute-value'; attribute: Attribute; value: number }
  | { kind: 'goal'; goal: string; group: GoalGroup }
  | { kind: 'culture-item'; category: CultureCategory; culture: Culture }
  | { kind: 'other' };

const GOAL_GROUPS: [readonly string[], GoalGroup][] = [
  [HELPFUL_GOALS, 'helpful'],
  [BENIGN_GOALS, 'benign'],
  [[VILLAIN_GOAL], 'villain'],
  [T_EVIL_GOALS, 't-evil'],
  [T_GOOD_GOALS, 't-good'],
  [R_GOOD_GOALS, 'r-good'],
  [R_EVIL_GOALS, 'r-evil'],
];

export function classifyToken(token: string): TokenClass {
  const era = /^([a-z]+)_(old|new)\d+$/.exec(token);
  if (era && (ERA_CATEGORIES as readonly string[]).includes(era[1]!)) return { kind: 'era-item', category: era[1] as EraCategory, era: era[2] as Era };
  const value = /^([a-z]+)_v(\d+)$/.exec(token);
  if (value && (ATTRIBUTES as readonly string[]).includes(value[1]!)) return { kind: 'attribute-value', attribute: value[1] as Attribute, value: Number(value[2]) };
  for (const [goals, group] of GOAL_GROUPS) if (goals.includes(token)) return { kind: 'goal', goal: token, group };
  const culture = /^([a-z]+)_([a-z]+)\d+$/.exec(token);
  if (culture && (CULTURE_CATEGORIES as readonly string[]).includes(culture[1]!) && (CULTURES as readonly string[]).includes(culture[2]!)) {
    return { kind: 'culture-item', category: culture[1] as CultureCategory, culture: culture[2] as Culture };
  }
  return { kind: 'other' };
}
