// The match judge: a deterministic prefix match on the answer, as the dishes experiment scores.
import type { JudgeVerdict, MatchJudge } from './spec.js';

/** Lower-cased and trimmed, trailing punctuation removed (as the authors' scoring script does). */
function normalize(answer: string): string {
  return answer.trim().toLowerCase().replace(/[.,!?;:]+$/, '');
}

export function matchVerdict(judge: MatchJudge, answer: string): JudgeVerdict {
  const text = normalize(answer);
  const hit = judge.prefixes.some((p) => text.startsWith(p.toLowerCase()));
  return { value: hit ? 'YES' : 'NO', status: 'ok', raw: answer, method: 'text' };
}
