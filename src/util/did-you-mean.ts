// Suggestions for a mistyped name: the closest known names by Damerau-Levenshtein distance
// (insertions, deletions, substitutions and swaps of two neighbours each count 1).

/** Edits between `a` and `b` (optimal string alignment: no substring is edited twice). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known names nearest to `name` (all at the smallest distance, up to `limit`), when that distance
 * is within a third of its length (at least one edit, case ignored): close enough to be a typo, not
 * just another short word.
 */
export function closestNames(name: string, known: Iterable<string>, limit = 3): string[] {
  const wanted = name.toLowerCase();
  const reach = Math.max(1, Math.floor(wanted.length / 3));
  const scored = [...new Set(known)].map((candidate) => ({ candidate, distance: editDistance(wanted, candidate.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.distance));
  if (!(best <= reach)) return [];
  return scored
    .filter(({ distance }) => distance === best)
    .map(({ candidate }) => candidate)
    .sort()
    .slice(0, limit);
}

/** `; did you mean "x"?` (or `"x" or "y"`), else `; <what>: a, b, c`; empty when nothing is known. */
export function didYouMean(name: string, known: Iterable<string>, what = 'known'): string {
  const all = [...new Set(known)];
  const close = closestNames(name, all);
  if (close.length > 0) return `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?`;
  return all.length > 0 ? `; ${what}: ${all.join(', ')}` : '';
}
