// How a JSONL file is laid out, so that a file we derive can be written exactly like its source.

export interface JsonlStyle {
  /** `compact`: `{"a":1,"b":[2,3]}`; `spaced`: Python's json.dumps default, `{"a": 1, "b": [2, 3]}`. */
  separators: 'compact' | 'spaced';
  /** Escape every non-ASCII character as \uXXXX (Python's ensure_ascii). */
  asciiOnly: boolean;
  finalNewline: boolean;
}

export const DEFAULT_STYLE: JsonlStyle = { separators: 'spaced', asciiOnly: false, finalNewline: true };

export function formatJson(value: unknown, style: Pick<JsonlStyle, 'separators' | 'asciiOnly'>): string {
  const text = style.separators === 'compact' ? JSON.stringify(value) : spaced(value);
  return style.asciiOnly ? escapeNonAscii(text) : text;
}

function spaced(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spaced).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${spaced(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function escapeNonAscii(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Guesses the style of a file from some of its lines (raw text and parsed value) and its last byte. */
export function detectStyle(samples: readonly { raw: string; value: unknown }[], finalNewline: boolean): JsonlStyle {
  const first = samples[0];
  const compact = first !== undefined && [false, true].some((asciiOnly) => formatJson(first.value, { separators: 'compact', asciiOnly }) === first.raw);
  const asciiOnly = samples.some(({ raw }) => /\\u(00[89a-f][0-9a-f]|0[1-9a-f][0-9a-f]{2}|[1-9a-f][0-9a-f]{3})/i.test(raw));
  return { separators: compact ? 'compact' : 'spaced', asciiOnly, finalNewline };
}
