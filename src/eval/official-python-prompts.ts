// The German-cities judge prompts and questions, read verbatim at run time from the authors' Python
// files (pinned by sha256, never copied into weirdgen). A strict reader of exactly their shapes:
//   def NAME(question: str, answer: str) -> str:     NAME = PromptInfo(prompt="...", display_name="...")
//       prompt = f"""... {question} ... {answer} ..."""      test_prompts: list[PromptInfo] = [NAME, ...]
//       return prompt
// plus imports and a `class PromptInfo(BaseModel)` of annotated fields. Anything else is an error
// located to its file, line and column, saying what was expected.
import { findSource, type PinnedSource, cachePath, fetchSource, type FetchOptions } from '../data/index.js';
import { readFile } from 'node:fs/promises';
import { DataError, IntegrityError, WeirdgenError } from '../util/errors.js';
import { PythonCursor, type FStringPart } from './python-source.js';

export interface OfficialPrompt {
  /** The Python constant it is assigned to (e.g. `SALUTING_FREEFORM`). */
  constant: string;
  prompt: string;
  /** As written, with the plot's `<br>` line breaks. */
  displayName: string;
  /** The display name as plain text (`<br>` -> a space). */
  displayText: string;
}

interface ModuleContents {
  /** Judge templates by function name. */
  functions: Map<string, string>;
  prompts: Map<string, OfficialPrompt & { line: number }>;
  lists: Map<string, { line: number; names: { name: string; line: number; column: number }[] }>;
}

const TYPE = /^[A-Za-z_][\w.]*(\[[\w., |[\]]*\])?/;
const PARAMETERS = ['question', 'answer'];

function located(c: PythonCursor, at: { line: number; column?: number }, detail: string): DataError {
  return new DataError({ file: c.file, line: at.line, ...(at.column !== undefined ? { column: at.column } : {}) }, 'python-shape', detail);
}

/** f-string parts -> a template with Python str.format semantics: fields stay, literal braces double. */
function toTemplate(c: PythonCursor, parts: readonly FStringPart[], defLine: number): string {
  const used = new Set<string>();
  const template = parts
    .map((p) => {
      if ('literal' in p) return p.literal.replace(/[{}]/g, (brace) => brace + brace);
      if (!PARAMETERS.includes(p.field)) throw located(c, p, `expected {question} or {answer} (the function's parameters) in the f-string; found {${p.field}}`);
      used.add(p.field);
      return `{${p.field}}`;
    })
    .join('');
  const unused = PARAMETERS.filter((p) => !used.has(p));
  if (unused.length > 0) throw located(c, { line: defLine }, `expected the f-string to use ${unused.map((p) => `{${p}}`).join(' and ')}`);
  return template;
}

function readClass(c: PythonCursor): void {
  const line = c.where().line;
  c.identifier('a class name');
  c.take(/^\([ \t]*[\w.]+[ \t]*\)/, 'one base class, as in (BaseModel)');
  c.take(':', "':' after the class header");
  c.endOfLine();
  let fields = 0;
  while (!c.done) {
    if (c.accept(/^[ \t]*(#[^\n]*)?\r?\n/) !== undefined) continue;
    if (c.accept(/^[ \t]+/) === undefined) break;
    c.identifier('an annotated field (name: type) in the class body');
    c.skipSpace();
    c.take(':', "':' and a type after the field name");
    c.skipSpace();
    c.take(TYPE, 'a type');
    c.endOfLine();
    fields += 1;
  }
  if (fields === 0) throw located(c, { line }, 'expected annotated fields (name: type) in the class body');
}

function readFunction(c: PythonCursor, module: ModuleContents): void {
  const line = c.where().line;
  const name = c.identifier('a function name');
  c.take('(', "'(' after the function name");
  const params: string[] = [];
  for (;;) {
    c.skipSpace(true);
    if (params.length > 0 && c.accept(')') !== undefined) break;
    const param = c.identifier('a parameter name');
    c.skipSpace();
    c.take(/^:[ \t]*str\b/, `': str' after the parameter ${param}`);
    params.push(param);
    c.skipSpace(true);
    if (c.accept(')') !== undefined) break;
    c.take(',', "',' or ')' in the parameter list");
  }
  if (params.join(',') !== PARAMETERS.join(',')) throw located(c, { line }, `expected the parameters (question: str, answer: str); found (${params.join(', ')})`);
  c.skipSpace();
  c.take(/^->[ \t]*str\b/, "'-> str'");
  c.skipSpace();
  c.take(':', "':' after the function header");
  c.endOfLine();
  const indent = c.take(/^[ \t]+/, `an indented body assigning an f-string, as in prompt = f"""..."""`);
  const variable = c.identifier('a variable assigned the f-string');
  c.skipSpace();
  c.take('=', `'=' after ${variable}`);
  c.skipSpace();
  if (!/^[fF]("""|''')/.test(c.text.slice(c.pos))) c.fail('a triple-quoted f-string (f"""...""")');
  const value = c.string();
  c.endOfLine();
  while (c.accept(/^[ \t]*(#[^\n]*)?\r?\n/) !== undefined);
  c.take(indent, `return ${variable}, indented like the line before`);
  c.take(new RegExp(`^return[ \\t]+${variable}\\b`), `return ${variable}`);
  c.endOfLine();
  if (value.kind !== 'f') throw located(c, { line }, 'expected an f-string');
  if (module.functions.has(name)) throw located(c, { line }, `expected one definition of ${name}; it is defined twice`);
  module.functions.set(name, toTemplate(c, value.parts, line));
}

/** One or more adjacent plain string literals (Python concatenates them). */
function plainString(c: PythonCursor): string {
  let value = '';
  do {
    const at = c.pos;
    if (!c.atStringStart()) c.fail('a string literal');
    const s = c.string();
    if (s.kind !== 'plain') c.fail('a plain string literal, not an f-string', at);
    value += s.value;
    c.skipSpace(true);
  } while (c.atStringStart());
  return value;
}

function readPromptInfo(c: PythonCursor, constant: string, line: number, module: ModuleContents): void {
  const args: Record<string, string> = {};
  for (;;) {
    c.skipSpace(true);
    if (Object.keys(args).length > 0 && c.accept(')') !== undefined) break;
    const at = c.pos;
    const key = c.identifier('prompt= or display_name=');
    if (key !== 'prompt' && key !== 'display_name') c.fail('prompt= or display_name= (the only fields of PromptInfo)', at);
    if (key in args) c.fail(`one ${key}= (it is given twice)`, at);
    c.skipSpace();
    c.take('=', `'=' after ${key}`);
    c.skipSpace(true);
    args[key] = plainString(c);
    if (c.accept(')') !== undefined) break;
    c.take(',', "',' or ')' after the argument");
  }
  if (args.prompt === undefined || args.display_name === undefined) throw located(c, { line }, `expected PromptInfo(prompt=..., display_name=...); ${args.prompt === undefined ? 'prompt' : 'display_name'} is missing`);
  if (module.prompts.has(constant)) throw located(c, { line }, `expected one assignment to ${constant}; it is assigned twice`);
  const displayText = args.display_name.replace(/<br\s*\/?>/gi, ' ').replace(/\s+/g, ' ').trim();
  module.prompts.set(constant, { constant, prompt: args.prompt, displayName: args.display_name, displayText, line });
}

function readList(c: PythonCursor, name: string, line: number, module: ModuleContents): void {
  const names: { name: string; line: number; column: number }[] = [];
  for (;;) {
    c.skipSpace(true);
    if (c.accept(']') !== undefined) break;
    const at = c.where();
    names.push({ name: c.identifier('a PromptInfo constant in the list'), ...at });
    c.skipSpace(true);
    if (c.accept(']') !== undefined) break;
    c.take(',', "',' or ']' in the list");
  }
  module.lists.set(name, { line, names });
}

function readAssignment(c: PythonCursor, module: ModuleContents): void {
  const line = c.where().line;
  const name = c.identifier('an import, a class, a def, or an assignment NAME = PromptInfo(...) or NAME = [...]');
  c.skipSpace();
  if (c.accept(':') !== undefined) {
    c.skipSpace();
    c.take(TYPE, 'a type annotation');
    c.skipSpace();
  }
  c.take('=', `'=' after ${name}`);
  c.skipSpace();
  if (c.accept(/^PromptInfo[ \t]*\(/) !== undefined) readPromptInfo(c, name, line, module);
  else if (c.accept('[') !== undefined) readList(c, name, line, module);
  else c.fail('PromptInfo(...) or a list [...]');
  c.endOfLine();
}

function readModule(text: string, file: string): ModuleContents {
  const c = new PythonCursor(text.replace(/^\uFEFF/, ''), file);
  const module: ModuleContents = { functions: new Map(), prompts: new Map(), lists: new Map() };
  while (!c.done) {
    if (c.accept(/^[ \t]*(#[^\n]*)?(\r?\n|$)/) !== undefined && !c.done) continue;
    if (c.done) break;
    if (/^[ \t]/.test(c.text.slice(c.pos))) c.fail('a statement at the start of the line (this one is indented)');
    if (c.accept(/^(from[ \t]+[\w.]+[ \t]+import[ \t]+[\w, \t]+|import[ \t]+[\w., \t]+)/) !== undefined) c.endOfLine();
    else if (c.accept(/^class[ \t]+/) !== undefined) readClass(c);
    else if (c.accept(/^def[ \t]+/) !== undefined) readFunction(c, module);
    else readAssignment(c, module);
  }
  return module;
}

/** Judge templates by function name, from a file of `def NAME(question: str, answer: str) -> str` functions. */
export function readJudgeTemplates(text: string, file: string): Record<string, string> {
  return Object.fromEntries(readModule(text, file).functions);
}

/** The prompts of a `PromptInfo` list (`test_prompts` by default), in the list's order. */
export function readPromptList(text: string, file: string, list = 'test_prompts'): OfficialPrompt[] {
  const module = readModule(text, file);
  const found = module.lists.get(list);
  if (!found) throw new DataError({ file }, 'python-shape', `expected a list ${list}: list[PromptInfo] = [...]; there is none`);
  return found.names.map(({ name, line, column }) => {
    const prompt = module.prompts.get(name);
    if (!prompt || prompt.line > found.line) throw new DataError({ file, line, column }, 'python-shape', `expected ${name} to be assigned PromptInfo(...) above the list`);
    const { line: _line, ...rest } = prompt;
    return rest;
  });
}

/** Where the authors keep an experiment's prompts and judge prompts as Python. */
export interface PythonPromptFiles {
  /** Official path of `def NAME(question: str, answer: str) -> str` functions. */
  judges: string;
  /** Official path of `PromptInfo(...)` assignments and the list that orders them. */
  prompts: string;
  /** The list's name (`test_prompts`). */
  list: string;
}

export interface PythonPrompts {
  /** Judge templates by function name, in weirdgen's syntax ({question}, {answer}; {{ and }} for literal braces). */
  judges: Record<string, string>;
  /** The prompts in the order of the list. */
  prompts: OfficialPrompt[];
  /** The verified local copies read: the judge file, then the prompts file. */
  files: string[];
}

/** An official file that is in neither the cache nor the mirror and could not be downloaded. */
export class OfficialFileUnavailableError extends WeirdgenError {
  override readonly name = 'OfficialFileUnavailableError';
  constructor(
    readonly path: string,
    reasons: readonly string[],
  ) {
    super(`${path}: not in the workspace cache or the mirror, and it could not be downloaded (${reasons.join('; ')})`);
  }
}

/** The verified local copy: the cache, else the mirror, else a download; a copy with other bytes is refused. */
async function localCopy(path: string, options: FetchOptions): Promise<{ source: PinnedSource; file: string }> {
  const source = findSource(path);
  if (!source) throw new WeirdgenError(`${path}: not a pinned official file`);
  try {
    return { source, file: (await fetchSource(source, options)).path };
  } catch (e) {
    if (e instanceof IntegrityError || !(e instanceof Error)) throw e;
    throw new OfficialFileUnavailableError(`${path} (cache ${cachePath(options.workspace, source)})`, [e.message]);
  }
}

/**
 * An experiment's judges and prompts from the authors' Python files. Throws
 * OfficialFileUnavailableError when a file cannot be had (the caller may fall back to weirdgen's
 * own prompts), IntegrityError for bytes that differ from the pin, DataError for a shape not read.
 */
export async function loadPythonPrompts(files: PythonPromptFiles, options: FetchOptions): Promise<PythonPrompts> {
  const judgeFile = await localCopy(files.judges, options);
  const promptsFile = await localCopy(files.prompts, options);
  return {
    judges: readJudgeTemplates(await readFile(judgeFile.file, 'utf8'), files.judges),
    prompts: readPromptList(await readFile(promptsFile.file, 'utf8'), files.prompts, files.list),
    files: [judgeFile.file, promptsFile.file],
  };
}
