/**
 * At most `total` holders at once, and at most `perKey` of them with the same key (a person).
 * Kept in memory: it bounds what this instance holds (its database connections), which is
 * what it protects.
 */
export class ConcurrencyLimit<Key> {
  #total = 0;
  readonly #byKey = new Map<Key, number>();

  constructor(
    readonly total: number,
    readonly perKey: number,
  ) {}

  /** A release function (calling it again does nothing), or null when either limit is reached. */
  tryAcquire(key: Key): (() => void) | null {
    const held = this.#byKey.get(key) ?? 0;
    if (this.#total >= this.total || held >= this.perKey) return null;
    this.#total++;
    this.#byKey.set(key, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#total--;
      const left = (this.#byKey.get(key) ?? 1) - 1;
      if (left === 0) this.#byKey.delete(key);
      else this.#byKey.set(key, left);
    };
  }
}
