/** A positive number from the environment, or `fallback` when it is unset, blank or not a positive number. */
export function positiveSetting(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}
