import type { Actor } from '../context.js';
import { AppError } from './errors.js';

/** Viewers read; members and admins write shared records. */
export const assertCanWrite = (actor: Actor): void => {
  if (actor.role === 'viewer') throw new AppError('forbidden', 'Viewers can read but not change records');
};

export const assertAdmin = (actor: Actor): void => {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Only admins can do this');
};

/** Reads `If-Match: "3"` (or W/"3", or 3); missing → 428, unreadable → 400. */
export const requireVersion = (header: string | string[] | undefined): number => {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || raw.trim() === '') throw new AppError('precondition_required');
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!match) {
    throw new AppError('validation_failed', undefined, {
      errors: [{ path: 'If-Match', message: 'Expected the record version, e.g. "3"' }],
    });
  }
  return Number(match[1]);
};
