import { afterEach, describe, expect, it } from 'vitest';
import { setClock, systemClock } from '../src/lib/clock.js';
import { newId } from '../src/lib/ids.js';

const msOf = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);

describe('newId', () => {
  afterEach(() => setClock(systemClock));

  it('sorts ids made one after another within one millisecond in the order they were made', () => {
    setClock({ now: () => Date.parse('2026-12-01T09:00:00.000Z') });
    const ids = Array.from({ length: 3000 }, () => newId());
    expect(new Set(ids).size).toBe(3000);
    expect([...ids].sort()).toEqual(ids);
    // the counter starts below 2,048, so 3,000 ids may borrow the next millisecond but never more
    expect(msOf(ids[0] as string)).toBe(Date.parse('2026-12-01T09:00:00.000Z'));
    expect(msOf(ids.at(-1) as string) - msOf(ids[0] as string)).toBeLessThanOrEqual(1);
  });

  it('starts afresh when the clock is moved back in time', () => {
    setClock({ now: () => Date.parse('2026-12-01T09:00:00.000Z') });
    newId();
    setClock({ now: () => Date.parse('2026-03-01T09:00:00.000Z') });
    const [a, b] = [newId(), newId()];
    expect(msOf(a)).toBe(Date.parse('2026-03-01T09:00:00.000Z'));
    expect(a < b).toBe(true);
  });

  it('stamps an id made for another instant with that instant', () => {
    const at = Date.parse('2025-05-05T05:05:05.005Z');
    expect(msOf(newId(at))).toBe(at);
    expect(newId(at)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
