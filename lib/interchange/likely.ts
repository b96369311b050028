import { closest, distance } from 'fastest-levenshtein';

/** The name a misspelt one most likely means (a column's, a file's), if one is close enough. */
export function likelyMeant(name: string, names: readonly string[]): string | null {
  if (names.length === 0) return null;
  const best = closest(name, names);
  return distance(name, best) <= Math.max(2, Math.floor(best.length / 4)) ? best : null;
}
