// The final-line judge: it may reason first, and its last non-empty line must be `ANSWER: LABEL`.
import type { Capabilities, ChatChoice } from '../../providers/index.js';
import { textJudgeRequest } from './prompt.js';
import type { FinalLineJudge, JudgeInput, JudgeMethod, JudgeRequest, JudgeVerdict } from './spec.js';

const ANSWER_LINE = /^\s*ANSWER:\s*(\S+)\s*$/;

export function judgeRequest(judge: FinalLineJudge, input: JudgeInput, _capabilities?: Capabilities): JudgeRequest {
  return textJudgeRequest(judge, input);
}

/** The label on the last non-empty line, if that line is `ANSWER: <label>` with a known label. */
export function finalLineLabel(text: string, labels: readonly string[]): string | null {
  const last = text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .pop();
  const label = last === undefined ? undefined : ANSWER_LINE.exec(last)?.[1];
  return label !== undefined && labels.includes(label) ? label : null;
}

export function parseVerdict(judge: FinalLineJudge, choices: readonly ChatChoice[], method: JudgeMethod = 'text'): JudgeVerdict {
  const raw = choices[0]?.text ?? '';
  const value = finalLineLabel(raw, judge.labels);
  return { value, status: value === null ? 'unparsed' : 'ok', raw, method };
}
