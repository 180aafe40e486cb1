// A folder of JSON records, one file per object, loaded once and then kept in memory in creation
// order; every change is written atomically, and bursts of changes to one record coalesce.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';

interface WriteChain {
  done: Promise<void>;
  dirty: boolean;
}

export class RecordStore<T extends { id: string }> {
  private readonly records = new Map<string, { seq: number; value: T }>();
  private readonly chains = new Map<string, WriteChain>();
  private nextSeq = 0;

  constructor(
    private readonly dir: string,
    /** Checks a record read back from disk; throws when it is not one. */
    private readonly parse: (raw: unknown) => T,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** Reads every record; a folder that does not exist yet holds none. */
  async load(): Promise<void> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
    const loaded: { seq: number; value: T }[] = [];
    for (const name of names) {
      try {
        const raw = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as { seq?: unknown; value?: unknown };
        if (typeof raw.seq !== 'number') throw new Error('no sequence number');
        loaded.push({ seq: raw.seq, value: this.parse(raw.value) });
      } catch (e) {
        this.log(`skipping ${join(this.dir, name)}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    loaded.sort((a, b) => a.seq - b.seq);
    for (const record of loaded) this.records.set(record.value.id, record);
    this.nextSeq = (loaded.at(-1)?.seq ?? -1) + 1;
  }

  get(id: string): T | undefined {
    return this.records.get(id)?.value;
  }

  /** Oldest first. */
  values(): T[] {
    return [...this.records.values()].map((r) => r.value);
  }

  /** Newest first, as OpenAI lists. */
  newestFirst(): T[] {
    return this.values().reverse();
  }

  insert(value: T): Promise<void> {
    this.records.set(value.id, { seq: this.nextSeq++, value });
    return this.save(value.id);
  }

  /** Writes the record's current value; resolves once a write that includes every change made so far is on disk. */
  save(id: string): Promise<void> {
    let chain = this.chains.get(id);
    if (!chain) {
      chain = { done: Promise.resolve(), dirty: false };
      this.chains.set(id, chain);
    }
    const c = chain;
    c.dirty = true;
    c.done = c.done
      .catch(() => {})
      .then(async () => {
        if (!c.dirty) return;
        c.dirty = false;
        const record = this.records.get(id);
        if (record) await writeFileAtomic(this.file(id), JSON.stringify(record));
      });
    return c.done;
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
    await this.chains.get(id)?.done.catch(() => {});
    this.chains.delete(id);
    await rm(this.file(id), { force: true });
  }

  /** Waits for every pending write. */
  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()].map((c) => c.done.catch(() => {})));
  }

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }
}
