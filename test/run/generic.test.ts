// `weirdgen run` reads every experiment the same way: nothing under src/run/ names one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src/experiments/index.js';
import { RUNNABLE_EXPERIMENTS } from '../../src/run/registry.js';

const RUN = new URL('../../src/run/', import.meta.url).pathname;

describe('run is generic', () => {
  it('has no branch on an experiment id', () => {
    for (const file of readdirSync(RUN).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(RUN, file), 'utf8');
      for (const e of EXPERIMENTS) expect(text.includes(`'${e.id}'`) || text.includes(`"${e.id}"`), `${file} names ${e.id}`).toBe(false);
    }
  });

  it('runs every experiment of src/experiments/, in its order', () => {
    expect(RUNNABLE_EXPERIMENTS.filter((e) => e.kind === 'paper').map((e) => e.id)).toEqual(EXPERIMENTS.map((e) => e.id));
  });
});
