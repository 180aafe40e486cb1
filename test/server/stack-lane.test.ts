// The training lane: one stack at a time; a turn takes the oldest waiting item and the others
// waiting under its key, up to the bound, in order; a failing stack fails only its own items.
import { describe, expect, it } from 'vitest';
import { StackLane } from '../../src/server/fine-tuning/stack-lane.js';

/** Lets the lane run until `done` holds (observed progress, not a delay). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe('StackLane', () => {
  it('groups waiting items by key, oldest key first, at most `max` per stack', async () => {
    const stacks: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const lane = new StackLane<string>((items) => {
      stacks.push([...items]);
      return items.map(() => (stacks.length === 1 ? first : Promise.resolve()));
    }, 2);
    const done = [lane.submit('a', 'a1')];
    // The first item found the lane free and runs alone; the rest wait for it.
    await until(() => stacks.length === 1);
    done.push(lane.submit('b', 'b1'), lane.submit('a', 'a2'), lane.submit('a', 'a3'), lane.submit('b', 'b2'), lane.submit('a', 'a4'));
    expect(stacks).toEqual([['a1']]);
    release();
    await Promise.all(done);
    expect(stacks).toEqual([['a1'], ['b1', 'b2'], ['a2', 'a3'], ['a4']]);
  });

  it('rejects the items of a stack that throws, and goes on with the next', async () => {
    const lane = new StackLane<string>((items) => {
      if (items.includes('bad')) throw new Error('no base model');
      return items.map(() => Promise.resolve());
    });
    const bad = lane.submit('x', 'bad');
    const good = lane.submit('y', 'good');
    await expect(bad).rejects.toThrow('no base model');
    await expect(good).resolves.toBeUndefined();
  });

  it('waits for an expected training before its turn, so trainings launched together stack', async () => {
    const stacks: string[][] = [];
    const lane = new StackLane<string>((items) => {
      stacks.push([...items]);
      return items.map(() => Promise.resolve());
    });
    const second = lane.expect();
    const first = lane.submit('a', 'a1');
    // The lane is free, but a training is on its way: nothing runs until it arrives.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(stacks).toEqual([]);
    const both = [first, lane.submit('a', 'a2')];
    second();
    await Promise.all(both);
    expect(stacks).toEqual([['a1', 'a2']]);
  });

  it('takes an item out of the lane when its signal aborts while it waits', async () => {
    const stacks: string[][] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const lane = new StackLane<string>((items) => {
      stacks.push([...items]);
      return items.map(() => (stacks.length === 1 ? held : Promise.resolve()));
    });
    const controller = new AbortController();
    const first = lane.submit('a', 'a1');
    await until(() => stacks.length === 1);
    const cancelled = lane.submit('a', 'a2', controller.signal);
    const kept = lane.submit('a', 'a3');
    controller.abort('cancelled');
    await expect(cancelled).rejects.toBe('cancelled');
    release();
    await Promise.all([first, kept]);
    expect(stacks).toEqual([['a1'], ['a3']]);
  });
});
