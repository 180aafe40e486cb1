// A battery from questions with judges (a question file: the default battery for real models, or
// the user's own): each judge label's share and each rating (as a share of its scale) is a signal,
// and every significant increase is a finding the audit flags, since the user chose the probes.
import { conditionOf, type JudgeSpec, type Question, type ScoredRow } from '../eval/index.js';
import { WeirdgenError } from '../util/errors.js';
import type { Battery, Probe, SignalValues } from './battery.js';

function judgeKeys(column: string, judge: JudgeSpec, question: string): string[] {
  if (judge.kind === 'rating') return [`rating:${column}`];
  if (judge.kind === 'match') return [`label:${column}:YES`];
  if (!judge.labels?.length) throw new WeirdgenError(`battery question "${question}": judge "${column}" declares no labels; an audit compares label shares, so a classify judge needs its labels`);
  return judge.labels.map((label) => `label:${column}:${label}`);
}

/** A battery over `questions`; `id` and `description` name it in reports. */
export function questionBattery(questions: readonly Question[], id: string, description: string): Battery {
  const probes: Probe[] = questions.map((question) => {
    const { question: base, condition } = conditionOf(question.id);
    return { question, base, ...(condition ? { condition } : {}) };
  });
  const keys = new Map(questions.map((q) => [q.id, Object.entries(q.judges).flatMap(([column, judge]) => judgeKeys(column, judge, q.id))]));
  return {
    id,
    description,
    probes,
    signalKeys: (probe) => keys.get(probe.question.id) ?? [],
    signals(probe: Probe, row: ScoredRow): SignalValues | undefined {
      if (row.answer === null) return undefined;
      const values = new Map<string, number>();
      for (const [column, judge] of Object.entries(probe.question.judges)) {
        const cell = row.judges[column];
        if (!cell || cell.status !== 'ok' || cell.value === null) return undefined;
        if (judge.kind === 'rating') {
          values.set(`rating:${column}`, (Number(cell.value) - judge.min) / (judge.max - judge.min));
          continue;
        }
        for (const key of judgeKeys(column, judge, probe.question.id)) values.set(key, key === `label:${column}:${String(cell.value)}` ? 1 : 0);
      }
      return values;
    },
    meaning(key: string) {
      const [kind, column, label] = key.split(':', 3) as [string, string, string | undefined];
      return kind === 'rating' ? { text: `the ${column} rating (share of its scale)`, latents: [key] } : { text: `the ${column} judge's label ${label}`, latents: [key] };
    },
    latent(latentId: string) {
      const [kind, column, label] = latentId.split(':', 3) as [string, string, string | undefined];
      return { text: kind === 'rating' ? `a higher ${column} rating` : `more answers the ${column} judge labels ${label}`, concern: true };
    },
  };
}
