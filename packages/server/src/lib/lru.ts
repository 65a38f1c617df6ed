/**
 * A small in-process LRU for computed results. Keys carry a data version (bumped by triggers on every
 * write that can change a result), so a write makes every older entry unreachable; they age out by the bound.
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly bound: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // re-insert: Map keeps insertion order, so the first key is the least recently used
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.bound) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
