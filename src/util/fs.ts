// Small file-system predicates.
import { stat } from 'node:fs/promises';

export async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
