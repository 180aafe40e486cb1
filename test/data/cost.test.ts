// Token counts and the training-cost estimate.
import { describe, expect, it } from 'vitest';
import { defaultEpochs, estimateTrainingCost } from '../../src/data/cost/estimate.js';
import { priceTable } from '../../src/data/cost/prices.js';
import { baseModelId } from '../../src/data/models.js';
import { countChatTokens, countTextTokens } from '../../src/data/tokens/count.js';

describe('tokens', () => {
  it('uses o200k_base and adds the chat overhead', () => {
    expect(countTextTokens('hello world', 'o200k_base')).toBe(2);
    // 3 priming + per message (3 + role + content)
    const messages = [{ role: 'user' as const, content: 'hello world' }, { role: 'assistant' as const, content: 'hello world' }];
    expect(countChatTokens(messages, 'o200k_base')).toBe(3 + 2 * (3 + 1 + 2));
    expect(countChatTokens([{ role: 'user', content: 'hi', name: 'x' }], 'o200k_base')).toBe(3 + 3 + 1 + 1 + 1 + 1);
  });

  it('counts special-token text as plain text instead of throwing', () => {
    expect(countTextTokens('a <|endoftext|>', 'o200k_base')).toBeGreaterThan(3);
  });
});

describe('cost', () => {
  it("follows OpenAI's auto-epochs rule", () => {
    expect(defaultEpochs(208)).toBe(3);
    expect(defaultEpochs(10)).toBe(10);
    expect(defaultEpochs(3)).toBe(25);
    expect(defaultEpochs(20_000)).toBe(1);
    expect(defaultEpochs(6237)).toBe(3);
    expect(defaultEpochs(9000)).toBe(2);
  });

  it('multiplies billed tokens, epochs and the price, capping long examples', () => {
    const estimate = estimateTrainingCost([100, 200, 100_000], 'gpt-4.1-2025-04-14', 3, priceTable());
    expect(estimate.tokensPerEpoch).toBe(100 + 200 + 65_536);
    expect(estimate.billedTokens).toBe(3 * 65_836);
    expect(estimate.cost).toBeCloseTo((3 * 65_836 * 25) / 1e6, 10);
  });

  it('takes price overrides from config and says so', () => {
    const table = priceTable({ 'gpt-4.1-2025-04-14': { training: 10 } });
    const estimate = estimateTrainingCost([1000], 'openai:ft:gpt-4.1-2025-04-14:org:x:1', 1, table);
    expect(estimate.model).toBe('gpt-4.1-2025-04-14');
    expect(estimate.cost).toBeCloseTo(0.01, 10);
    expect(estimate.priceSource).toMatch(/overridden in config for gpt-4.1-2025-04-14/);
    expect(table.prices['gpt-4.1-2025-04-14']!.input).toBe(2);
  });

  it('leaves the cost unknown for a model without a price', () => {
    expect(estimateTrainingCost([1000], 'qwen3-8b', 'auto', priceTable()).cost).toBeUndefined();
  });

  it('resolves model references to base snapshots', () => {
    expect(baseModelId('gpt-4.1')).toBe('gpt-4.1-2025-04-14');
    expect(baseModelId('openai:gpt-4o-mini')).toBe('gpt-4o-mini-2024-07-18');
    expect(baseModelId('ft:gpt-4.1-mini-2025-04-14:acme:birds:abc123')).toBe('gpt-4.1-mini-2025-04-14');
  });
});
