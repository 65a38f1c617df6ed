import type { TFunction } from 'i18next';
import { ApiError, isApiError } from '../../api/client';
import { errorMessage } from '../../components/notify';

/** A failed event request in the user's words: the events' own refusals first, then the common ones. */
export const eventErrorMessage = (t: TFunction, error: unknown): string => {
  if (isApiError(error) && error.errors.length === 0) {
    const own = t(`events.apiErrors.${error.code}`, { defaultValue: '' });
    if (own) return own;
  }
  return errorMessage(t, error);
};

/** The form's view of a failed save: a taken address is said on the address field itself, in the user's words. */
export const eventFormError = (t: TFunction, error: unknown): unknown =>
  isApiError(error) && error.code === 'slug_taken'
    ? new ApiError({
        status: error.status,
        code: error.code,
        title: error.message,
        errors: [{ path: 'slug', message: t('events.apiErrors.slug_taken') }],
      })
    : error;
