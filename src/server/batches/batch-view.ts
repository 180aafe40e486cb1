// A batch as the API shows it: OpenAI's schema has no null for the fields not yet set (a batch's
// timestamps, files, errors, model, usage), so they are left out until they are; metadata may be null.
import type { BatchObject } from './batch-record.js';

export type BatchView = Partial<BatchObject> & Pick<BatchObject, 'id' | 'object' | 'status'>;

export function batchView(batch: BatchObject): BatchView {
  return Object.fromEntries(Object.entries(batch).filter(([key, value]) => value !== null || key === 'metadata')) as BatchView;
}
