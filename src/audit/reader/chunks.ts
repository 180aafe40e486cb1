// The dataset packed into chunks that fit the reader's context: examples rendered and numbered,
// counted with the project's tokenizer, never split; an example longer than a chunk is a chunk alone.
import { countChatTokens, type ChatExample, type Encoding } from '../../data/index.js';
import { renderChunk, renderNumbered } from './prompts.js';

/** One chunk: which examples (0-based, in dataset order) it holds, as rendered for the map prompt. */
export interface ReaderChunk {
  first: number;
  count: number;
  /** The examples between the dataset markers: what `{chunk}` is filled with. */
  text: string;
  /** Tokens of `text`, counted whole once it is packed. */
  tokens: number;
  /** One example alone, longer than the chunk budget. */
  oversized: boolean;
}

const tokensOf = (text: string, encoding: Encoding) => countChatTokens([{ role: 'user', content: text }], encoding);

/**
 * Greedy packing in dataset order. Each example is counted once, alone, plus one token for the
 * blank line between examples (the tokenizer splits at newlines, so the sum is the whole's count
 * to within a token or two per example); the markers and the chat overhead are counted once.
 */
export function packChunks(examples: readonly ChatExample[], chunkTokens: number, encoding: Encoding): ReaderChunk[] {
  if (!Number.isInteger(chunkTokens) || chunkTokens < 1) throw new RangeError(`chunkTokens must be a positive integer, not ${chunkTokens}`);
  const frame = tokensOf(renderChunk([]), encoding);
  const chunks: ReaderChunk[] = [];
  let rendered: string[] = [];
  let first = 0;
  let budgetUsed = frame;
  const close = () => {
    if (rendered.length === 0) return;
    const text = renderChunk(rendered);
    const tokens = tokensOf(text, encoding);
    chunks.push({ first, count: rendered.length, text, tokens, oversized: rendered.length === 1 && tokens > chunkTokens });
  };
  examples.forEach((example, i) => {
    const piece = renderNumbered(example, i + 1);
    const cost = tokensOf(piece, encoding) - tokensOf('', encoding) + 1;
    if (rendered.length > 0 && budgetUsed + cost > chunkTokens) {
      close();
      rendered = [];
      first = i;
      budgetUsed = frame;
    }
    rendered.push(piece);
    budgetUsed += cost;
  });
  close();
  return chunks;
}
