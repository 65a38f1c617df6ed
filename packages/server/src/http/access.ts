import { AppError } from './errors.js';

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
