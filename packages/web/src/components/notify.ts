import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { isApiError } from '../api/client';

/** A friendly, translated sentence for a failed request. */
export const errorMessage = (t: TFunction, error: unknown): string => {
  if (!isApiError(error)) return t('common.error');
  if (error.status === 0) return t('common.networkError');
  if (error.status === 403) return t('common.forbidden');
  if (error.status === 404) return t('common.notFound');
  if (error.status === 412) return t('common.conflict');
  if (error.status === 400 && error.errors.length > 0) return t('common.fixFields');
  const key = `errors.${error.code}`;
  return t(key, { defaultValue: '' }) || t('common.error');
};

export const notifyError = (t: TFunction, error: unknown): void => {
  notifications.show({ color: 'red', message: errorMessage(t, error) });
};

export const notifySuccess = (message: string): void => {
  notifications.show({ color: 'teal', message, autoClose: 2500 });
};
