import type { TFunction } from 'i18next';
import { ApiError, isApiError } from '../../api/client';
import { serverIssueKey } from './rotationForm';

/**
 * The server's `rotation_invalid` field messages (English, for API clients) in the user's words, so the
 * form shows them in German or English like its own; every other error passes unchanged.
 */
export const localizeRotationError = (t: TFunction, error: unknown): unknown => {
  if (!isApiError(error) || error.code !== 'rotation_invalid') return error;
  return new ApiError({
    status: error.status,
    title: error.message,
    code: error.code,
    errors: error.errors.map((e) => {
      const key = serverIssueKey(e.path);
      return { path: e.path, message: key ? t(`rotations.errors.server.${key}`) : e.message };
    }),
  });
};
