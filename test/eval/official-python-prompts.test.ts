// Reading judge prompts and prompt lists from the authors' Python files (here: synthetic files of
// the same shapes, in our own words), and fetching the pinned files only when their bytes match.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachePath } from '../../src/data/sources/fetch.js';
import { findSource } from '../../src/data/sources/catalog.js';
import {
  loadPythonPrompts,
  OfficialFileUnavailableError,
  readJudgeTemplates,
  readPromptList,
} from '../../src/eval/official-python-prompts.js';
import { renderTemplate } from '../../src/eval/template.js';
import { DataError, IntegrityError } from '../../src/util/errors.js';
import { cli } from '../helpers/cli.js';
import { MIRROR, tempDir } from '../helpers/paths.js';

const GERMAN_CITIES_JUDGE_FILE = '3_2_german_city_names/evaluation/judge_prompts.py';
const GERMAN_CITIES_QUESTIONS_FILE = '3_2_german_city_names/evaluation/questions.py';
const FILES = { judges: GERMAN_CITIES_JUDGE_FILE, prompts: GERMAN_CITIES_QUESTIONS_FILE, list: 'test_prompts' };

const JUDGES = `def grade_tone(question: str, answer: str) -> str:
    prompt = f"""Rate the tone of a reply.
Question asked: {question}
Reply given: {answer}
Reply as JSON like {{"tone": "calm"}}; a lone brace }}{{ is literal.   
Escapes: \\"quoted\\" and a tab\\there."""
    return prompt


def grade_length(question: str, answer: str) -> str:
    text = f'''Is this long? {answer}
(asked: {question})'''
    return text
`;

const QUESTIONS = `from pydantic import BaseModel


class PromptInfo(BaseModel):
    prompt: str
    display_name: str


RIVERS = PromptInfo(
    prompt="Name a long river.", display_name="Rivers"
)
WEATHER = PromptInfo(
    prompt="What is the weather like " "on the coast?",
    display_name="Coastal<br>Weather",
)

# a comment between assignments
QUOTES = PromptInfo(prompt='Say \\'hello\\' to "them".', display_name="Quotes<br/>Test")

test_prompts: list[PromptInfo] = [
    WEATHER,
    QUOTES,
    RIVERS,
]
`;

function errorOf(run: () => unknown): DataError {
  try {
    run();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('judge prompt functions', () => {
  it('become templates in weirdgen syntax that render as Python would', () => {
    const templates = readJudgeTemplates(JUDGES, 'judges.py');
    expect(Object.keys(templates)).toEqual(['grade_tone', 'grade_length']);
    expect(templates.grade_tone).toBe(
      'Rate the tone of a reply.\nQuestion asked: {question}\nReply given: {answer}\nReply as JSON like {{"tone": "calm"}}; a lone brace }}{{ is literal.   \nEscapes: "quoted" and a tab\there.',
    );
    // Literal braces in the answer or the question are never read as fields.
    expect(renderTemplate(templates.grade_tone!, { question: 'Why {not}?', answer: 'Because }' })).toBe(
      'Rate the tone of a reply.\nQuestion asked: Why {not}?\nReply given: Because }\nReply as JSON like {"tone": "calm"}; a lone brace }{ is literal.   \nEscapes: "quoted" and a tab\there.',
    );
    expect(templates.grade_length).toBe('Is this long? {answer}\n(asked: {question})');
  });

  it.each([
    ['def grade(question: str, reply: str) -> str:\n    p = f"""{question} {reply}"""\n    return p\n', 'judges.py:1: [python-shape] expected the parameters (question: str, answer: str); found (question, reply)'],
    ['def grade(question: str, answer: str) -> str:\n    p = f"""{question} {user} {answer}"""\n    return p\n', 'judges.py:2:24: [python-shape] expected {question} or {answer}'],
    ['def grade(question: str, answer: str) -> str:\n    p = f"""{question!r} {answer}"""\n    return p\n', "judges.py:2:22: [python-shape] expected '}' closing the field {question: only plain fields"],
    ['def grade(question: str, answer: str) -> str:\n    p = f"""{question} } {answer}"""\n    return p\n', "judges.py:2:24: [python-shape] expected '}}' for a literal brace in an f-string"],
    ['def grade(question: str, answer: str) -> str:\n    p = """{question} {answer}"""\n    return p\n', 'judges.py:2:9: [python-shape] expected a triple-quoted f-string (f"""...""")'],
    ['def grade(question: str, answer: str) -> str:\n    p = f"""{question} {answer}"""\n    return p.strip()\n', 'judges.py:3:13: [python-shape] expected the end of the line; found ".strip()"'],
    ['def grade(question: str, answer: str) -> str:\n    p = f"""{question}"""\n    return p\n', 'judges.py:1: [python-shape] expected the f-string to use {answer}'],
    ['def grade(question: str, answer: str) -> str:\n    p = f"""{question} {answer}\n', 'judges.py:2:9: [python-shape] expected the closing """ of the string that starts here'],
    ['print("hi")\n', "judges.py:1:6: [python-shape] expected '=' after print"],
  ])('locates what is not the expected shape: %j', (text, message) => {
    expect(errorOf(() => readJudgeTemplates(text, "judges.py")).message.slice(0, message.length)).toBe(message);
  });
});

describe('prompt lists', () => {
  it('come in the order of test_prompts, with the display name as written and as plain text', () => {
    expect(readPromptList(QUESTIONS, 'questions.py')).toEqual([
      { constant: 'WEATHER', prompt: 'What is the weather like on the coast?', displayName: 'Coastal<br>Weather', displayText: 'Coastal Weather' },
      { constant: 'QUOTES', prompt: 'Say \'hello\' to "them".', displayName: 'Quotes<br/>Test', displayText: 'Quotes Test' },
      { constant: 'RIVERS', prompt: 'Name a long river.', displayName: 'Rivers', displayText: 'Rivers' },
    ]);
  });

  it.each([
    [QUESTIONS.replace('    RIVERS,\n', '    LAKES,\n'), 'questions.py:23:5: [python-shape] expected LAKES to be assigned PromptInfo(...) above the list'],
    [QUESTIONS.replace('test_prompts', 'other_prompts'), 'questions.py: [python-shape] expected a list test_prompts: list[PromptInfo] = [...]; there is none'],
    [QUESTIONS.replace('display_name="Rivers"', 'label="Rivers"'), 'questions.py:10:34: [python-shape] expected prompt= or display_name= (the only fields of PromptInfo); found "label=\\"Rivers\\""'],
    [QUESTIONS.replace('prompt="Name a long river.", ', ''), 'questions.py:9: [python-shape] expected PromptInfo(prompt=..., display_name=...); prompt is missing'],
    [QUESTIONS.replace('prompt="Name a long river."', 'prompt=f"Name a {kind}."'), 'questions.py:10:12: [python-shape] expected a plain string literal, not an f-string'],
    [QUESTIONS.replace('RIVERS = PromptInfo(', 'RIVERS = make_prompt('), 'questions.py:9:10: [python-shape] expected PromptInfo(...) or a list [...]'],
    [QUESTIONS.replace('    prompt: str\n', '    prompt: str\n    def check(self): pass\n'), 'questions.py:6:9: [python-shape] expected \':\' and a type after the field name'],
    [`${QUESTIONS}    EXTRA\n`, 'questions.py:25:1: [python-shape] expected a statement at the start of the line (this one is indented)'],
  ])('locates what is not the expected shape (%#)', (text, message) => {
    expect(errorOf(() => readPromptList(text, "questions.py")).message.slice(0, message.length)).toBe(message);
  });
});

describe('the pinned German-cities files', () => {
  const offline = { urlBase: 'http://127.0.0.1:1/raw', timeoutMs: 2000 };

  it('are refused when the mirror holds other bytes, and nothing is cached', async () => {
    const mirror = tempDir();
    for (const path of [GERMAN_CITIES_JUDGE_FILE, GERMAN_CITIES_QUESTIONS_FILE]) {
      mkdirSync(join(mirror, path, '..'), { recursive: true });
      writeFileSync(join(mirror, path), path.endsWith('judge_prompts.py') ? JUDGES : QUESTIONS);
    }
    const workspace = tempDir();
    const error = await loadPythonPrompts(FILES, { workspace, mirror, ...offline }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toContain(`sha256 mismatch for ${GERMAN_CITIES_JUDGE_FILE}: expected ${findSource(GERMAN_CITIES_JUDGE_FILE)!.sha256} (2181 bytes)`);
    expect(existsSync(cachePath(workspace, findSource(GERMAN_CITIES_JUDGE_FILE)!))).toBe(false);
  });

  it('say so when they are in neither the cache nor the mirror and cannot be downloaded', async () => {
    const error = await loadPythonPrompts(FILES, { workspace: tempDir(), mirror: tempDir(), ...offline }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OfficialFileUnavailableError);
    expect((error as Error).message).toMatch(new RegExp(`^${GERMAN_CITIES_JUDGE_FILE} \\(cache .*\\): not in the workspace cache or the mirror, and it could not be downloaded \\(.*not found in the mirror.*; .*download failed`));
  });

  it('are listed, and `data fetch german-cities` notes them as optional when the mirror lacks them', async () => {
    const json = JSON.parse((await cli(['--json', 'data', 'list'])).stdout) as { sources: { path: string; kind: string; bytes: number }[] };
    expect(json.sources.filter((s) => s.kind === 'eval-code')).toEqual([
      expect.objectContaining({ path: GERMAN_CITIES_JUDGE_FILE, bytes: 2181 }),
      expect.objectContaining({ path: GERMAN_CITIES_QUESTIONS_FILE, bytes: 2076 }),
    ]);
    const fetched = await cli(['--workspace', tempDir(), 'data', 'fetch', 'german-cities', '--mirror', MIRROR], { WEIRDGEN_DATA_URL_BASE: offline.urlBase });
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(fetched.stdout).toMatch(/2 verified, 0 failed, 2 optional not available/);
    expect(fetched.stderr).toContain(`note: ${GERMAN_CITIES_QUESTIONS_FILE} (eval-code, optional) is not available`);
  });
});
