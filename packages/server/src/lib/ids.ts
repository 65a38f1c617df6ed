import { randomBytes } from 'node:crypto';
import { now as clockNow } from './clock.js';

/** The millisecond the last id from the clock was made in, and the counter within it (RFC 9562, method 1). */
let lastMs = -1;
let counter = 0;

const format = (bytes: Buffer, ms: number): string => {
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/**
 * A UUID version 7: time-ordered, so new rows land at the end of the primary-key index.
 *
 * Made now (no `at`), the 12 bits after the version count within the millisecond, starting low at a
 * random value, so ids made one after another in this process sort in the order they were made: the
 * entries one request writes keep their order on a timeline. A clock moved back by more than ten
 * seconds (a test travelling in time) starts afresh. Made for another instant (`at`: a touchpoint's
 * time, demo data), the bits are random.
 */
// random bytes drawn 4 KiB at a time: one system call per 256 ids, not one per id (bulk imports make millions)
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let poolAt = 0;
const random16 = (): Buffer => {
  if (poolAt + 16 > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  const out = Buffer.allocUnsafe(16);
  pool.copy(out, 0, poolAt, poolAt + 16);
  poolAt += 16;
  return out;
};

export const newId = (at?: number): string => {
  const bytes = random16();
  if (at !== undefined) return format(bytes, at);
  const now = clockNow();
  if (now > lastMs || lastMs - now > 10_000) {
    lastMs = now;
    counter = bytes.readUInt16BE(6) & 0x07ff;
  } else if (++counter > 0x0fff) {
    // 4,096 ids in one millisecond: borrow the next one, as the RFC allows
    lastMs += 1;
    counter = 0;
  }
  bytes.writeUInt16BE(counter, 6);
  return format(bytes, lastMs);
};

export const nowIso = (): string => new Date(clockNow()).toISOString();
