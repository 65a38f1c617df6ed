/**
 * The time the app stamps on what it writes. Production reads the system clock; a test swaps in its own
 * clock (see test/harness.ts) to move time forward instead of sleeping.
 */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

let current: Clock = systemClock;

/** Makes `clock` the time source of `now`, `nowIso` and new ids (tests only). */
export const setClock = (clock: Clock): void => {
  current = clock;
};

export const now = (): number => current.now();

/** The clock in use, so code that swaps in its own for a while (the demo's past stories) can put it back. */
export const currentClock = (): Clock => current;

/** A clock that follows the system clock plus an offset the test moves forward. */
export class TestClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  /**
   * Sets the clock to an instant, from where it runs on. A test calls it before it writes anything (what
   * was stamped earlier would otherwise lie in the clock's future), so fixed dates stay fixed whatever
   * the real date is.
   */
  travelTo(iso: string): void {
    const offset = Date.parse(iso) - Date.now();
    if (Number.isNaN(offset)) throw new RangeError(`not an instant: ${iso}`);
    this.offset = offset;
  }
  /** Moves time forward by `ms`, so the next write is stamped later than the last one. */
  advance(ms: number): void {
    this.offset += ms;
  }
}
