// The merge's priority queue of pairs: lowest (rank, start) first, O(1) a pair on BPE's usual access pattern.

const NONE = -1;

/**
 * Pairs by (rank, start), taken lowest first. Each rank has four containers that each keep their
 * own order: the pairs present at the start (sorted by a counting sort), a linked stack (lowest on
 * top; only starts at or below every start of the rank go on it), a linked run (only starts at or
 * above its last are appended) and a binary heap for the rest. `take` compares their heads, so the
 * queue is exact whatever is pushed; it is fast because BPE pushes in the orders the stack and the
 * run accept: around each merge, the pairs at and left of the merged one (at the lowest rank these
 * lie at or below every start of that rank).
 *
 * All state lives in typed arrays that grow and are reused from one merge to the next (fresh memory
 * is what a long merge would otherwise spend most of its time on); ranks index `slotOfRank`, which
 * is all -1 between merges.
 */
export class PairQueue {
  private slotOfRank = new Int32Array(0);
  private slots = 0;
  private slotRank = new Int32Array(64);
  private initialHead = new Int32Array(64);
  private initialEnd = new Int32Array(64);
  private stackHead = new Int32Array(64);
  private runHead = new Int32Array(64);
  private runTail = new Int32Array(64);
  private queued = new Uint8Array(64);
  private heaps: (number[] | undefined)[] = [];
  /** Initial starts, grouped by slot. */
  private initial = new Int32Array(0);
  /** Linked entries of the stacks and runs. */
  private entryStart = new Int32Array(1024);
  private entryLink = new Int32Array(1024);
  private entries = 0;
  /** A binary min-heap of the ranks whose slots may hold pairs. */
  private readonly ranks: number[] = [];
  /** The pair `take` found. */
  rank = 0;
  start = 0;

  /** Starts over with the pairs of `n` starts: `ranks[i * stride + field]` (a rank, or negative for none). */
  reset(ranks: Int32Array, stride: number, field: number, n: number, vocabularySize: number): void {
    for (let s = 0; s < this.slots; s++) this.slotOfRank[this.slotRank[s]!] = NONE;
    if (this.slotOfRank.length < vocabularySize) this.slotOfRank = new Int32Array(vocabularySize).fill(NONE);
    if (this.initial.length < n) this.initial = new Int32Array(Math.max(n, this.initial.length * 2));
    this.slots = 0;
    this.entries = 0;
    this.ranks.length = 0;
    // Counting sort: count per slot, then place each start (ascending within its slot).
    for (let i = 0; i < n; i++) {
      const rank = ranks[i * stride + field]!;
      if (rank < 0) continue;
      const s = this.slotFor(rank); // may grow the arrays: index them afterwards
      this.initialEnd[s] = this.initialEnd[s]! + 1;
    }
    let offset = 0;
    for (let s = 0; s < this.slots; s++) {
      const count = this.initialEnd[s]!;
      this.initialHead[s] = offset;
      this.initialEnd[s] = offset;
      offset += count;
    }
    for (let i = 0; i < n; i++) {
      const rank = ranks[i * stride + field]!;
      if (rank >= 0) this.initial[this.initialEnd[this.slotOfRank[rank]!]!++] = i;
    }
    for (let s = 0; s < this.slots; s++) {
      this.queued[s] = 1;
      this.ranks.push(this.slotRank[s]!);
    }
    this.ranks.sort((a, b) => a - b);
  }

  push(rank: number, start: number): void {
    const s = this.slotFor(rank);
    if (start <= this.lowest(s)) this.stackHead[s] = this.entry(start, this.stackHead[s]!);
    else if (this.runTail[s] === NONE) this.runHead[s] = this.runTail[s] = this.entry(start, NONE);
    else if (start >= this.entryStart[this.runTail[s]!]!) {
      const entry = this.entry(start, NONE); // may grow the arrays: link it afterwards
      this.entryLink[this.runTail[s]!] = entry;
      this.runTail[s] = entry;
    } else heapPush((this.heaps[s] ??= []), start);
    if (this.queued[s] === 0) {
      this.queued[s] = 1;
      heapPush(this.ranks, rank);
    }
  }

  /** Removes the lowest pair into `rank` and `start`; false when the queue is empty. */
  take(): boolean {
    while (this.ranks.length > 0) {
      const rank = this.ranks[0]!;
      const s = this.slotOfRank[rank]!;
      const start = this.lowest(s);
      if (start !== Infinity) {
        const stack = this.stackHead[s]!;
        const run = this.runHead[s]!;
        if (stack !== NONE && this.entryStart[stack] === start) this.stackHead[s] = this.entryLink[stack]!;
        else if (this.initialHead[s]! < this.initialEnd[s]! && this.initial[this.initialHead[s]!] === start) this.initialHead[s]! += 1;
        else if (run !== NONE && this.entryStart[run] === start) {
          this.runHead[s] = this.entryLink[run]!;
          if (this.runHead[s] === NONE) this.runTail[s] = NONE;
        } else heapPop(this.heaps[s]!);
        this.rank = rank;
        this.start = start;
        return true;
      }
      this.queued[s] = 0;
      heapPop(this.ranks);
    }
    return false;
  }

  private lowest(s: number): number {
    let best = Infinity;
    const stack = this.stackHead[s]!;
    if (stack !== NONE) best = this.entryStart[stack]!;
    if (this.initialHead[s]! < this.initialEnd[s]!) best = Math.min(best, this.initial[this.initialHead[s]!]!);
    const run = this.runHead[s]!;
    if (run !== NONE && this.entryStart[run]! < best) best = this.entryStart[run]!;
    const heap = this.heaps[s];
    if (heap !== undefined && heap.length > 0 && heap[0]! < best) best = heap[0]!;
    return best;
  }

  private slotFor(rank: number): number {
    const known = this.slotOfRank[rank]!;
    if (known !== NONE) return known;
    const s = this.slots++;
    if (s === this.slotRank.length) this.growSlots();
    this.slotOfRank[rank] = s;
    this.slotRank[s] = rank;
    this.initialHead[s] = 0;
    this.initialEnd[s] = 0;
    this.stackHead[s] = NONE;
    this.runHead[s] = NONE;
    this.runTail[s] = NONE;
    this.queued[s] = 0;
    this.heaps[s] = undefined;
    return s;
  }

  private growSlots(): void {
    const size = this.slotRank.length * 2;
    this.slotRank = grown(this.slotRank, size);
    this.initialHead = grown(this.initialHead, size);
    this.initialEnd = grown(this.initialEnd, size);
    this.stackHead = grown(this.stackHead, size);
    this.runHead = grown(this.runHead, size);
    this.runTail = grown(this.runTail, size);
    const queued = new Uint8Array(size);
    queued.set(this.queued);
    this.queued = queued;
  }

  private entry(start: number, link: number): number {
    if (this.entries === this.entryStart.length) {
      this.entryStart = grown(this.entryStart, this.entries * 2);
      this.entryLink = grown(this.entryLink, this.entries * 2);
    }
    this.entryStart[this.entries] = start;
    this.entryLink[this.entries] = link;
    return this.entries++;
  }
}

function grown(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

function heapPush(heap: number[], value: number): void {
  let i = heap.length;
  heap.push(value);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (heap[parent]! <= value) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = value;
}

function heapPop(heap: number[]): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= heap.length) break;
    if (child + 1 < heap.length && heap[child + 1]! < heap[child]!) child += 1;
    if (heap[child]! >= last) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
