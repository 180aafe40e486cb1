// Ranks of joined pairs by their two parts' ranks: an open-addressing hash table in one typed array.

const EMPTY = -1;
// A slot: left rank, right rank, the pair's rank; padded to 16 bytes so a probe reads one cache line.
const SLOT = 4;
const FIRST_SLOTS = 1 << 12;
const MAX_SLOTS = 1 << 20;

/**
 * Remembers `(left, right) -> rank` (a rank, or -1 for "no token"). A Map would key the pair by a
 * number above 2^31, allocated and hashed on every lookup; here keys stay two int32s. The table
 * doubles while under half full and starts over when full at its largest: it is only a cache.
 */
export class PairRankCache {
  private slots = emptySlots(FIRST_SLOTS);
  private size = 0;

  /** The cached rank, or undefined. */
  get(left: number, right: number): number | undefined {
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    for (let slot = hash(left, right) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const found = slots[at]!;
      if (found === EMPTY) return undefined;
      if (found === left && slots[at + 1] === right) return slots[at + 2]!;
    }
  }

  set(left: number, right: number, rank: number): void {
    if (2 * (this.size + 1) * SLOT > this.slots.length) this.resize();
    const slots = this.slots;
    const mask = slots.length / SLOT - 1;
    let slot = hash(left, right) & mask;
    while (slots[slot * SLOT] !== EMPTY) slot = (slot + 1) & mask;
    slots[slot * SLOT] = left;
    slots[slot * SLOT + 1] = right;
    slots[slot * SLOT + 2] = rank;
    this.size += 1;
  }

  private resize(): void {
    const old = this.slots;
    const count = Math.min((old.length / SLOT) * 2, MAX_SLOTS);
    this.slots = emptySlots(count);
    this.size = 0;
    if (count === old.length / SLOT) return; // at its largest: start over
    for (let at = 0; at < old.length; at += SLOT) {
      if (old[at] !== EMPTY) this.set(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}

function emptySlots(count: number): Int32Array {
  const slots = new Int32Array(count * SLOT);
  for (let at = 0; at < slots.length; at += SLOT) slots[at] = EMPTY;
  return slots;
}

function hash(left: number, right: number): number {
  return (Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b)) >>> 7;
}
