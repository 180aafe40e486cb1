// Uploaded and generated files: metadata records plus content, both under the service's folder.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileObject } from 'openai/resources/files';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { newId, unixSeconds } from '../state/ids.js';
import { RecordStore } from '../state/record-store.js';

/** What clients upload, and what the service writes for them. */
export const UPLOAD_PURPOSES = ['fine-tune', 'batch'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
export type StoredPurpose = UploadPurpose | 'batch_output' | 'fine-tune-results';

/** A record read back from the service's own files: checked for shape, trusted for detail. */
const fileSchema = z.looseObject({ id: z.string(), object: z.literal('file'), bytes: z.number(), filename: z.string(), purpose: z.string() });

export function fileNotFound(id: string, param = 'id'): HttpError {
  return new HttpError(404, `No such File object: ${id}`, 'invalid_request_error', null, param);
}

export class FileStore {
  private readonly records: RecordStore<FileObject>;

  constructor(
    private readonly root: string,
    log?: (line: string) => void,
  ) {
    this.records = new RecordStore(join(root, 'files'), (raw) => fileSchema.parse(raw) as unknown as FileObject, log);
  }

  load(): Promise<void> {
    return this.records.load();
  }

  async create(filename: string, purpose: StoredPurpose, content: Uint8Array): Promise<FileObject> {
    const file: FileObject = { id: newId.file(), object: 'file', bytes: content.byteLength, created_at: unixSeconds(), filename, purpose, status: 'processed' };
    // Content first: a record on disk always has its bytes.
    await writeFileAtomic(this.contentFile(file.id), content);
    await this.records.insert(file);
    return file;
  }

  get(id: string): FileObject | undefined {
    return this.records.get(id);
  }

  /** The file, or OpenAI's 404 naming `param`. */
  require(id: string, param = 'id'): FileObject {
    const file = this.records.get(id);
    if (!file) throw fileNotFound(id, param);
    return file;
  }

  /** Newest first. */
  list(): FileObject[] {
    return this.records.newestFirst();
  }

  content(id: string): Promise<Buffer> {
    this.require(id);
    return readFile(this.contentFile(id));
  }

  async delete(id: string): Promise<void> {
    this.require(id);
    await this.records.delete(id);
    await rm(this.contentFile(id), { force: true });
  }

  flush(): Promise<void> {
    return this.records.flush();
  }

  private contentFile(id: string): string {
    return join(this.root, 'file-contents', id);
  }
}
