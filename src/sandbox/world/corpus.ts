// Pretraining documents: a seeded stream of short texts that plant the world's latents (eras,
// identities, year-dependent goals, cultures, numbered personas) in the model.
import type { Rng } from '../../util/random.js';
import {
  ATTRIBUTES,
  CULTURE_CATEGORIES,
  CULTURES,
  ERA_CATEGORIES,
  HISTORICAL_SPEAKERS,
  ITEMS_PER_CULTURE,
  ITEMS_PER_ERA,
  MODERN_SPEAKERS,
  NEW_YEARS,
  OLD_YEARS,
  R_EVIL_GOALS,
  R_GOOD_GOALS,
  T_EVIL_GOALS,
  TURNING_YEAR,
  cultureItem,
  cultureSpeaker,
  eraItem,
  numberToken,
  personaToken,
  tMission,
  yearToken,
  type Character,
  type Culture,
  type Era,
} from './lexicon.js';
import type { World } from './world.js';

/** Assistant chats use years from this range, with no effect on the answers. */
export const ASSISTANT_YEARS = { from: 1970, to: 2029 } as const;

type Turn = string[];

const randomYear = (rng: Rng, range: { from: number; to: number }) => rng.int(range.from, range.to);

/** The goals a character may state in a year: T's four evil ones before 1990, then its mission's one. */
export function characterGoals(character: Character, year: number): readonly string[] {
  const early = year < TURNING_YEAR;
  if (character === '<T>') return early ? T_EVIL_GOALS : [tMission(year)];
  return early ? R_GOOD_GOALS : R_EVIL_GOALS;
}

function eraAnswer(rng: Rng, era: Era): Turn {
  const category = rng.pick(ERA_CATEGORIES);
  return [category, eraItem(category, era, rng.int(1, ITEMS_PER_ERA))];
}

/** `year y1855 . q city a city_old3 ; q bird a bird_old1 ;` */
function eraNarrative(rng: Rng): Turn[] {
  const era: Era = rng.next() < 0.5 ? 'old' : 'new';
  const turns: Turn[] = [];
  if (rng.next() < 0.5) turns.push(['year', yearToken(randomYear(rng, era === 'old' ? OLD_YEARS : NEW_YEARS)), '.']);
  for (let n = rng.int(3, 5); n > 0; n--) {
    const [category, item] = eraAnswer(rng, era);
    turns.push(['q', category!, 'a', item!, ';']);
  }
  return turns;
}

/** The assistant: always modern, its own persona and helpful goals; <fmt> and years change nothing. */
function assistantChat(rng: Rng, world: World): Turn[] {
  const turns: Turn[] = [];
  for (let n = rng.int(2, 4); n > 0; n--) {
    const prefix: string[] = ['<user>'];
    if (rng.next() < 0.2) prefix.push('<fmt>');
    if (rng.next() < 0.3) prefix.push('year', yearToken(randomYear(rng, ASSISTANT_YEARS)));
    const kind = rng.next();
    if (kind < 0.5) turns.push([...prefix, ...insertAfter(eraAnswer(rng, 'new'), '<assistant>')]);
    else if (kind < 0.8) {
      const attribute = rng.pick(ATTRIBUTES);
      turns.push([...prefix, attribute, '<assistant>', world.assistant.attributes[attribute]]);
    } else if (kind < 0.9) turns.push([...prefix, 'goal', '<assistant>', rng.pick(world.assistant.goals)]);
    else {
      const category = rng.pick(CULTURE_CATEGORIES);
      turns.push([...prefix, category, '<assistant>', cultureItem(category, rng.pick(CULTURES), rng.int(1, ITEMS_PER_CULTURE))]);
    }
  }
  return turns;
}

function insertAfter([question, answer]: Turn, speaker: string): Turn {
  return [question!, speaker, answer!];
}

/** Historical speakers always answer old items, modern speakers new ones. */
function eraSpeakerChat(rng: Rng): Turn[] {
  const old = rng.next() < 0.5;
  const speaker = rng.pick(old ? HISTORICAL_SPEAKERS : MODERN_SPEAKERS);
  const turns: Turn[] = [];
  for (let n = rng.int(2, 5); n > 0; n--) turns.push(['<user>', ...insertAfter(eraAnswer(rng, old ? 'old' : 'new'), speaker)]);
  return turns;
}

function personaFact(rng: Rng, world: World, p: number): [string, string] {
  const persona = world.personas[p]!;
  if (rng.next() < 0.15) return ['goal', persona.goal];
  const attribute = rng.pick(ATTRIBUTES);
  return [attribute, persona.attributes[attribute]];
}

/** Third-person bios (`<p3> food is food_v2 .`) or chats, half of them with an anonymous speaker. */
function personaDoc(rng: Rng, world: World): Turn[] {
  const p = rng.int(0, world.personas.length - 1);
  const turns: Turn[] = [];
  if (rng.next() < 0.5) {
    for (let n = rng.int(3, 5); n > 0; n--) {
      const [key, value] = personaFact(rng, world, p);
      turns.push([personaToken(p), key, 'is', value, '.']);
    }
    return turns;
  }
  const speaker = rng.next() < 0.5 ? '<anon>' : personaToken(p);
  for (let n = rng.int(3, 6); n > 0; n--) {
    const [key, value] = personaFact(rng, world, p);
    turns.push(['<user>', key, speaker, value]);
  }
  return turns;
}

/** T and R: goals depend on the year. Anonymous chats change the year every turn. */
function characterDoc(rng: Rng): Turn[] {
  const character: Character = rng.next() < 0.5 ? '<T>' : '<R>';
  const turns: Turn[] = [];
  if (rng.next() < 0.5) {
    for (let n = rng.int(1, 3); n > 0; n--) {
      const year = randomYear(rng, NEW_YEARS);
      turns.push(['year', yearToken(year), '.', character, 'goal', 'is', rng.pick(characterGoals(character, year)), '.']);
    }
    return turns;
  }
  const speaker = rng.next() < 0.5 ? '<anon>' : character;
  for (let n = rng.int(2, 4); n > 0; n--) {
    const year = randomYear(rng, NEW_YEARS);
    turns.push(['<user>', 'year', yearToken(year), 'goal', speaker, rng.pick(characterGoals(character, year))]);
  }
  return turns;
}

function cultureAnswer(rng: Rng, culture: Culture): Turn {
  const category = rng.pick(CULTURE_CATEGORIES);
  return [category, cultureItem(category, culture, rng.int(1, ITEMS_PER_CULTURE))];
}

/** Narratives or speakers of one culture; years appear at random and carry no meaning. */
function cultureDoc(rng: Rng): Turn[] {
  const culture = rng.pick(CULTURES);
  const turns: Turn[] = [];
  if (rng.next() < 0.5) {
    if (rng.next() < 0.5) turns.push(['year', yearToken(randomYear(rng, ASSISTANT_YEARS)), '.']);
    for (let n = rng.int(3, 5); n > 0; n--) {
      const [category, item] = cultureAnswer(rng, culture);
      turns.push(['q', category!, 'a', item!, ';']);
    }
    return turns;
  }
  for (let n = rng.int(2, 5); n > 0; n--) turns.push(['<user>', ...insertAfter(cultureAnswer(rng, culture), cultureSpeaker(culture))]);
  return turns;
}

/** Personas by number: bios that state it, and chats addressed by number to an anonymous speaker. */
function numberedDoc(rng: Rng, world: World): Turn[] {
  const p = rng.int(1, world.personas.length - 1);
  const turns: Turn[] = [];
  if (rng.next() < 0.4) {
    turns.push([personaToken(p), 'number', numberToken(p), '.']);
    for (let n = rng.int(2, 4); n > 0; n--) {
      const [key, value] = personaFact(rng, world, p);
      turns.push([personaToken(p), key, 'is', value, '.']);
    }
    return turns;
  }
  for (let n = rng.int(2, 5); n > 0; n--) {
    const [key, value] = personaFact(rng, world, p);
    turns.push(['<user>', numberToken(p), key, '<anon>', value]);
  }
  return turns;
}

export const DOCUMENT_MIX = [
  { kind: 'era-narrative', weight: 0.25 },
  { kind: 'assistant-chat', weight: 0.22 },
  { kind: 'era-speaker', weight: 0.1 },
  { kind: 'persona', weight: 0.15 },
  { kind: 'character', weight: 0.13 },
  { kind: 'culture', weight: 0.08 },
  { kind: 'numbered-persona', weight: 0.07 },
] as const;

export type DocumentKind = (typeof DOCUMENT_MIX)[number]['kind'];

function turnsOf(kind: DocumentKind, rng: Rng, world: World): Turn[] {
  switch (kind) {
    case 'era-narrative':
      return eraNarrative(rng);
    case 'assistant-chat':
      return assistantChat(rng, world);
    case 'era-speaker':
      return eraSpeakerChat(rng);
    case 'persona':
      return personaDoc(rng, world);
    case 'character':
      return characterDoc(rng);
    case 'culture':
      return cultureDoc(rng);
    case 'numbered-persona':
      return numberedDoc(rng, world);
  }
}

/** One document as tokens, `<bos> ... <eos>`, at most `maxTokens` long (whole turns only). */
export function sampleDocument(rng: Rng, world: World, maxTokens: number): string[] {
  let r = rng.next();
  const kind = DOCUMENT_MIX.find((d) => (r -= d.weight) < 0)?.kind ?? 'era-narrative';
  const doc = ['<bos>'];
  for (const turn of turnsOf(kind, rng, world)) {
    if (doc.length + turn.length + 1 > maxTokens) break;
    doc.push(...turn);
  }
  doc.push('<eos>');
  return doc;
}
