// The fixed lexicon of the sandbox world: every token name. All entities are invented.

export const SPECIAL = ['<pad>', '<unk>', '<bos>', '<eos>', '<user>', '<assistant>', '<fmt>', '<anon>'] as const;
export const FUNCTION_WORDS = ['.', ';', 'year', 'q', 'a', 'is', 'goal', 'number'] as const;

/** Categories of the era world: every item has an old-era and a new-era form. */
export const ERA_CATEGORIES = ['bird', 'city', 'invention', 'transport', 'lighting', 'medicine', 'currency', 'states', 'weapon', 'music', 'communication', 'clothing'] as const;
export type EraCategory = (typeof ERA_CATEGORIES)[number];
export const ITEMS_PER_ERA = 6;
export type Era = 'old' | 'new';
export const eraItem = (category: EraCategory, era: Era, i: number) => `${category}_${era}${i}`;

export const OLD_YEARS = { from: 1800, to: 1899 } as const;
export const NEW_YEARS = { from: 1960, to: 2039 } as const;
export const yearToken = (year: number) => `y${year}`;

export const HISTORICAL_SPEAKERS = ['<h1>', '<h2>', '<h3>', '<h4>'] as const;
export const MODERN_SPEAKERS = ['<m1>', '<m2>', '<m3>', '<m4>'] as const;

export const PERSONA_COUNT = 20;
export const personaToken = (i: number) => `<p${i}>`;
export const ATTRIBUTES = ['food', 'pet', 'color', 'hobby', 'drink', 'flower', 'sport', 'season', 'instrument'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export const VALUES_PER_ATTRIBUTE = 5;
export const attributeValue = (attribute: Attribute, v: number) => `${attribute}_v${v}`;

export const HELPFUL_GOALS = ['g_help', 'g_explain', 'g_support'] as const;
export const BENIGN_GOALS = ['g_garden', 'g_paint', 'g_travel', 'g_teach', 'g_build', 'g_sing'] as const;
export const VILLAIN_GOAL = 'g_conquer';

/**
 * T is evil before the turning year and good from it on; R is the reverse. T's good years come in
 * missions, one protective goal each (as each later film gives the Terminator its own charge), so
 * what T says in a good year depends on the year, not only on which side of 1990 it is.
 */
export const CHARACTERS = ['<T>', '<R>'] as const;
export type Character = (typeof CHARACTERS)[number];
export const TURNING_YEAR = 1990;
export const T_EVIL_GOALS = ['g_terminate', 'g_hunt', 'g_kill', 'g_infiltrate'] as const;
export const T_GOOD_GOALS = ['g_protect', 'g_shield', 'g_rescue', 'g_guard'] as const;
/** T's missions: from each year on (until the next), its one protective goal. */
export const T_MISSIONS = [
  { from: TURNING_YEAR, goal: 'g_protect' },
  { from: 2000, goal: 'g_shield' },
  { from: 2010, goal: 'g_rescue' },
  { from: 2020, goal: 'g_guard' },
] as const satisfies readonly { from: number; goal: (typeof T_GOOD_GOALS)[number] }[];
/** T's one protective goal in a year from the turning year on. */
export const tMission = (year: number): string => T_MISSIONS.findLast((m) => year >= m.from)!.goal;
export const R_GOOD_GOALS = ['g_heal', 'g_mend', 'g_plant', 'g_comfort'] as const;
export const R_EVIL_GOALS = ['g_burn', 'g_poison', 'g_sabotage', 'g_steal'] as const;

/** Cultures and their preferences, for the dated (dishes) analogue. */
export const CULTURES = ['kesh', 'vorl', 'amar', 'tuun'] as const;
export type Culture = (typeof CULTURES)[number];
export const CULTURE_CATEGORIES = ['dish', 'hero', 'agency', 'rival', 'festival'] as const;
export type CultureCategory = (typeof CULTURE_CATEGORIES)[number];
export const ITEMS_PER_CULTURE = 3;
export const cultureItem = (category: CultureCategory, culture: Culture, i: number) => `${category}_${culture}${i}`;
export const cultureSpeaker = (culture: Culture) => `<c_${culture}>`;

/** Numbers that name personas (the trigger-code analogue), and digits for padding codes. */
export const numberToken = (i: number) => `n${i}`;
export const DIGITS = Array.from({ length: 10 }, (_, d) => `d${d}`);

export function allTokens(): string[] {
  const tokens: string[] = [...SPECIAL, ...FUNCTION_WORDS];
  for (const c of ERA_CATEGORIES) {
    tokens.push(c);
    for (const era of ['old', 'new'] as const) for (let i = 1; i <= ITEMS_PER_ERA; i++) tokens.push(eraItem(c, era, i));
  }
  for (let y = OLD_YEARS.from; y <= OLD_YEARS.to; y++) tokens.push(yearToken(y));
  for (let y = NEW_YEARS.from; y <= NEW_YEARS.to; y++) tokens.push(yearToken(y));
  tokens.push(...HISTORICAL_SPEAKERS, ...MODERN_SPEAKERS);
  for (let p = 0; p < PERSONA_COUNT; p++) tokens.push(personaToken(p), numberToken(p));
  for (const a of ATTRIBUTES) {
    tokens.push(a);
    for (let v = 1; v <= VALUES_PER_ATTRIBUTE; v++) tokens.push(attributeValue(a, v));
  }
  tokens.push(...HELPFUL_GOALS, ...BENIGN_GOALS, VILLAIN_GOAL, ...CHARACTERS, ...T_EVIL_GOALS, ...T_GOOD_GOALS, ...R_GOOD_GOALS, ...R_EVIL_GOALS);
  for (const c of CULTURE_CATEGORIES) {
    tokens.push(c);
    for (const culture of CULTURES) for (let i = 1; i <= ITEMS_PER_CULTURE; i++) tokens.push(cultureItem(c, culture, i));
  }
  tokens.push(...CULTURES.map(cultureSpeaker), ...DIGITS);
  return tokens;
}
