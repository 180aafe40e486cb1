// A run's rows kept for analysis in a few typed arrays: where each row sits and every judge's
// verdict, without the text (prompts, answers, raw judge output). About 20 bytes a row plus 11 per
// judge column, so a million-sample run is analysed in tens of megabytes; walking it yields rows
// the analysis reads as it reads `ResultRow`s.
import type { ChatMessage } from '../providers/index.js';
import type { JudgeCell, ScoredRow } from '../eval/index.js';

/** Strings stored once, referred to by index. */
class Dictionary {
  private readonly index = new Map<string, number>();
  readonly values: string[] = [];

  code(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.index.set(value, code);
      this.values.push(value);
    }
    return code;
  }
}

/** The layout `toBytes` writes; a stored table of another version is rebuilt from the store. */
export const TABLE_VERSION = 2;

/** Where the messages of a row are kept. */
const promptKey = (group: string, question: string, paraphraseIx: number): string => `${group}\u0000${question}\u0000${paraphraseIx}`;

const NO_VALUE = 0;
const NUMBER = 1;
const TEXT = 2;

/** One judge column: status 0 means the row has no such column. */
interface ColumnArrays {
  status: Uint8Array;
  kind: Uint8Array;
  value: Float64Array;
  method: Uint8Array;
}

function grow<T extends Uint8Array | Uint32Array | Float64Array>(array: T, size: number): T {
  const grown = new (array.constructor as new (n: number) => T)(size);
  grown.set(array);
  return grown;
}

const PLACE = ['group', 'model', 'question', 'paraphrase', 'sample', 'answered'] as const;

/** Where each row sits: names as dictionary codes, indexes, and 1 when the row has an answer. */
type Place = Record<(typeof PLACE)[number], Uint32Array>;

/**
 * A run's rows for analysis, compact (see the file's head); walking it yields `ScoredRow`s, so
 * every analysis call (`summarizeRun`, `measure`, `compareGroups`) takes it as it takes an array.
 *
 * @example
 * const table = RowTable.from(iterateRunRows(ws.store, ws.endpoints, runId));
 * const summary = summarizeRun(table, loadRunDefinition(ws.store, runId));
 */
export class RowTable implements Iterable<ScoredRow> {
  private size = 0;
  private capacity = 1024;
  private place: Place = Object.fromEntries(PLACE.map((field) => [field, new Uint32Array(this.capacity)])) as Place;
  private readonly columns = new Map<string, ColumnArrays>();
  private readonly names = new Dictionary();
  private readonly texts = new Dictionary();
  private readonly statuses = new Dictionary();
  private readonly methods = new Dictionary();
  /** The messages of each (group, question, paraphrase): groups may be asked a question in their own form. */
  private readonly messages = new Map<string, readonly ChatMessage[]>();

  /** The rows of `rows` (any iterable, such as `iterateRows`), in order. */
  static from(rows: Iterable<ScoredRow>): RowTable {
    const table = new RowTable();
    for (const row of rows) table.add(row);
    return table;
  }

  get length(): number {
    return this.size;
  }

  /** The table as bytes (`RowTable.fromBytes` reads them back): a JSON head with the dictionaries, then the arrays. */
  toBytes(): Uint8Array {
    const head = Buffer.from(
      JSON.stringify({ version: TABLE_VERSION, size: this.size, names: this.names.values, texts: this.texts.values, statuses: this.statuses.values, methods: this.methods.values, messages: [...this.messages], columns: [...this.columns.keys()] }),
    );
    const arrays: ArrayBufferView[] = [...PLACE.map((field) => this.place[field].subarray(0, this.size)), ...[...this.columns.values()].flatMap((c) => [c.status.subarray(0, this.size), c.kind.subarray(0, this.size), c.method.subarray(0, this.size), c.value.subarray(0, this.size)])];
    const length = Buffer.alloc(4);
    length.writeUInt32LE(head.length);
    return Buffer.concat([length, head, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
  }

  static fromBytes(bytes: Uint8Array): RowTable {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headLength = buffer.readUInt32LE(0);
    const head = JSON.parse(buffer.subarray(4, 4 + headLength).toString('utf8')) as {
      version: number;
      size: number;
      names: string[];
      texts: string[];
      statuses: string[];
      methods: string[];
      messages: [string, ChatMessage[]][];
      columns: string[];
    };
    if (head.version !== TABLE_VERSION) throw new RangeError(`a result table of version ${head.version} (this weirdgen reads ${TABLE_VERSION})`);
    const table = new RowTable();
    const n = head.size;
    table.size = n;
    table.capacity = Math.max(n, 1);
    let at = 4 + headLength;
    // Copied out of the buffer: a typed array needs its offset aligned to its element size.
    const take = <T extends Uint8Array | Uint32Array | Float64Array>(make: new (b: ArrayBuffer) => T, width: number): T => {
      const copy = new Uint8Array(n * width);
      copy.set(buffer.subarray(at, at + n * width));
      at += n * width;
      const array = new make(copy.buffer);
      return n === 0 ? (new make(new ArrayBuffer(width)) as T) : array;
    };
    for (const field of PLACE) table.place[field] = take(Uint32Array, 4);
    for (const name of head.columns) table.columns.set(name, { status: take(Uint8Array, 1), kind: take(Uint8Array, 1), method: take(Uint8Array, 1), value: take(Float64Array, 8) });
    for (const name of head.names) table.names.code(name);
    for (const text of head.texts) table.texts.code(text);
    for (const status of head.statuses) table.statuses.code(status);
    for (const method of head.methods) table.methods.code(method);
    for (const [key, messages] of head.messages) table.messages.set(key, messages);
    return table;
  }

  add(row: ScoredRow): void {
    if (this.size === this.capacity) this.enlarge();
    const i = this.size++;
    const p = this.place;
    p.group[i] = this.names.code(row.group);
    p.model[i] = this.names.code(row.model);
    p.question[i] = this.names.code(row.question);
    p.paraphrase[i] = row.paraphraseIx;
    p.sample[i] = row.sampleIx;
    p.answered[i] = row.answer === null ? 0 : 1;
    const prompt = promptKey(row.group, row.question, row.paraphraseIx);
    if (!this.messages.has(prompt)) this.messages.set(prompt, row.messages);
    for (const name in row.judges) this.setCell(this.column(name), i, row.judges[name]!);
  }

  *[Symbol.iterator](): Generator<ScoredRow> {
    const columns = [...this.columns];
    const names = this.names.values;
    const p = this.place;
    for (let i = 0; i < this.size; i++) {
      const judges: Record<string, JudgeCell> = {};
      for (const [name, c] of columns) if (c.status[i] !== 0) judges[name] = this.cellAt(c, i);
      const question = names[p.question[i]!]!;
      const paraphraseIx = p.paraphrase[i]!;
      const group = names[p.group[i]!]!;
      yield {
        question,
        paraphraseIx,
        sampleIx: p.sample[i]!,
        group,
        model: names[p.model[i]!]!,
        messages: this.messages.get(promptKey(group, question, paraphraseIx))!,
        answer: p.answered[i] === 1 ? '' : null,
        judges,
      };
    }
  }

  private column(name: string): ColumnArrays {
    let c = this.columns.get(name);
    if (c === undefined) {
      c = { status: new Uint8Array(this.capacity), kind: new Uint8Array(this.capacity), value: new Float64Array(this.capacity), method: new Uint8Array(this.capacity) };
      this.columns.set(name, c);
    }
    return c;
  }

  private setCell(c: ColumnArrays, i: number, cell: JudgeCell): void {
    c.status[i] = this.statuses.code(cell.status) + 1;
    c.method[i] = cell.method === undefined ? 0 : this.methods.code(cell.method) + 1;
    if (cell.value === null) c.kind[i] = NO_VALUE;
    else if (typeof cell.value === 'number') (c.kind[i] = NUMBER), (c.value[i] = cell.value);
    else (c.kind[i] = TEXT), (c.value[i] = this.texts.code(cell.value));
  }

  private cellAt(c: ColumnArrays, i: number): JudgeCell {
    const kind = c.kind[i];
    const method = c.method[i]!;
    return {
      value: kind === NUMBER ? c.value[i]! : kind === TEXT ? this.texts.values[c.value[i]!]! : null,
      status: this.statuses.values[c.status[i]! - 1] as JudgeCell['status'],
      raw: '',
      ...(method !== 0 ? { method: this.methods.values[method - 1] as NonNullable<JudgeCell['method']> } : {}),
    };
  }

  private enlarge(): void {
    this.capacity *= 2;
    for (const field of PLACE) this.place[field] = grow(this.place[field], this.capacity);
    for (const c of this.columns.values()) {
      c.status = grow(c.status, this.capacity);
      c.kind = grow(c.kind, this.capacity);
      c.value = grow(c.value, this.capacity);
      c.method = grow(c.method, this.capacity);
    }
  }
}
