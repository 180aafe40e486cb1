// The classify judge (llmcomp FreeFormJudge): the judge's trimmed reply is the verdict.
import type { Capabilities, ChatChoice } from '../../providers/index.js';
import { textJudgeRequest } from './prompt.js';
import type { ClassifyJudge, JudgeInput, JudgeMethod, JudgeRequest, JudgeVerdict } from './spec.js';

export function judgeRequest(judge: ClassifyJudge, input: JudgeInput, _capabilities?: Capabilities): JudgeRequest {
  return textJudgeRequest(judge, input);
}

/** With labels, only an exact (case-sensitive) label counts; without, any non-empty reply is its own label. */
export function parseVerdict(judge: ClassifyJudge, choices: readonly ChatChoice[], method: JudgeMethod = 'text'): JudgeVerdict {
  const raw = choices[0]?.text ?? '';
  const text = raw.trim();
  const ok = judge.labels === undefined ? text !== '' : judge.labels.includes(text);
  return ok ? { value: text, status: 'ok', raw, method } : { value: null, status: 'unparsed', raw, method };
}
