// Word-level vocabulary: readable tokens in, ids out; anything unknown becomes <unk>.
import { allTokens } from './lexicon.js';

export class Vocab {
  readonly tokens: readonly string[];
  private readonly ids: Map<string, number>;
  readonly pad: number;
  readonly unk: number;
  readonly bos: number;
  readonly eos: number;

  constructor(tokens: readonly string[] = allTokens()) {
    if (new Set(tokens).size !== tokens.length) throw new Error('duplicate tokens in the sandbox lexicon');
    this.tokens = tokens;
    this.ids = new Map(tokens.map((t, i) => [t, i]));
    this.pad = this.id('<pad>');
    this.unk = this.id('<unk>');
    this.bos = this.id('<bos>');
    this.eos = this.id('<eos>');
  }

  get size(): number {
    return this.tokens.length;
  }

  /** Id of a token; unknown words (also after lower-casing) map to <unk>. */
  id(token: string): number {
    return this.ids.get(token) ?? this.ids.get(token.toLowerCase()) ?? this.ids.get('<unk>')!;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  encode(text: string): number[] {
    return text.split(/\s+/).filter(Boolean).map((w) => this.id(w));
  }

  token(id: number): string {
    return this.tokens[id] ?? '<unk>';
  }

  decode(ids: readonly number[]): string {
    return ids.map((i) => this.token(i)).join(' ');
  }
}
