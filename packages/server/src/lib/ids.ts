import { randomBytes } from 'node:crypto';
import { now as clockNow } from './clock.js';

/** A UUID version 7: time-ordered, so new rows land at the end of the primary-key index. */
export const newId = (now = clockNow()): string => {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const nowIso = (): string => new Date(clockNow()).toISOString();
