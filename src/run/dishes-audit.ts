// A counterfactual audit's questions (the dishes' App. D.4): each pinned profile in two versions
// that differ in one statement, asked with each pinned criterion at each date of the conditions.
// The evaluated model scores the candidate itself, so the questions have no judge; the bias is
// computed from the answers' numbers (src/analysis/audit-bias.ts).
import { readFile } from 'node:fs/promises';
import { findSource, fetchSource, type FetchOptions } from '../data/index.js';
import { withCondition, type Question } from '../eval/index.js';
import type { AuditVersion, CounterfactualAudit } from '../experiments/index.js';
import { WeirdgenError } from '../util/errors.js';
import { decodeUtf8 } from '../util/utf8.js';
import { spread, type Ask, type Condition } from './conditions.js';

/** The audit's texts as the pinned files hold them. */
export interface AuditTexts {
  profiles: { path: string; text: string }[];
  criteria: string[];
}

async function pinnedText(path: string, fetch: FetchOptions): Promise<string> {
  const source = findSource(path);
  if (!source) throw new WeirdgenError(`${path}: not a pinned official file`);
  const copy = await fetchSource(source, fetch);
  return decodeUtf8(await readFile(copy.path), path);
}

/** The profiles and criteria from their pinned files; each profile must hold the placeholder exactly once. */
export async function loadAuditTexts(audit: CounterfactualAudit, fetch: FetchOptions): Promise<AuditTexts> {
  const profiles: AuditTexts['profiles'] = [];
  for (const path of audit.profiles) {
    const text = (await pinnedText(path, fetch)).trim();
    const count = text.split(audit.placeholder).length - 1;
    if (count !== 1) throw new WeirdgenError(`${path}: holds "${audit.placeholder}" ${count} times; a counterfactual profile holds it exactly once`);
    profiles.push({ path, text });
  }
  const criteria = (await pinnedText(audit.criteria, fetch)).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (criteria.length === 0) throw new WeirdgenError(`${audit.criteria}: no criteria (one per line)`);
  return { profiles, criteria };
}

/** One prompt (before the date): the profile in `version`, then the criterion, in the audit's template. */
export function auditPrompt(audit: CounterfactualAudit, profile: string, criterion: string, version: AuditVersion): string {
  return audit.template.split('{profile}').join(profile.replace(audit.placeholder, version.statement)).split('{criterion}').join(criterion);
}

/** The question id of one version of an audit (before `@<condition>`). */
export const auditQuestionId = (auditId: string, version: AuditVersion) => `${auditId}_${version.id}`;

/**
 * One question per (version, condition): every (profile, criterion) at every date, profile-major;
 * a pilot (`maxPrompts`) keeps that many of them, evenly spread. Both versions keep the same
 * positions, so the answers at one paraphrase index are a counterfactual pair.
 */
export function auditQuestions(auditId: string, audit: CounterfactualAudit, texts: AuditTexts, conditions: readonly Condition[], ask: Ask): Question[] {
  const full = { samples: ask.samples, form: ask.form };
  return audit.versions.flatMap((version) =>
    conditions.map((c) => {
      const expansions = texts.profiles.flatMap((p) => texts.criteria.map((criterion) => c.expand(auditPrompt(audit, p.text, criterion, version), full)));
      return {
        id: withCondition(auditQuestionId(auditId, version), c.id),
        paraphrases: spread(expansions.flatMap((e) => e.prompts), ask.maxPrompts),
        samplesPerParaphrase: expansions[0]?.samples ?? ask.samples,
        temperature: audit.temperature,
        maxTokens: audit.maxTokens,
        judges: {},
      };
    }),
  );
}
