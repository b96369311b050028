/**
 * Reports, and what they were computed from, kept by a server between requests. Coordinators
 * open the same report again and again while the data rarely changes. Each entry remembers
 * the data version it was computed at (the audit chain's latest data-changing entry: every
 * clinical write adds one in its own transaction): `get` serves it only while that version is
 * still the newest, so a cached report is never older than the database, on this server or
 * any other; `latest` gives it whatever its version, for a caller that brings it up to date.
 */
export class ReportCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();

  constructor(private readonly capacity: number) {}

  get(key: string, version: string): T | undefined {
    const entry = this.latest(key);
    return entry && entry.version === version ? entry.value : undefined;
  }

  latest(key: string): { version: string; value: T } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Least recently used goes first: re-insert to move the entry to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, version: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
