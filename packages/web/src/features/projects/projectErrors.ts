import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../components/notify';

const projectCodes = new Set([
  'project_closed',
  'plan_locked',
  'project_not_in_pilot',
  'pilot_exists',
  'pilot_not_proposed',
  'pilot_not_active',
  'requirement_not_found',
  'pilot_not_found',
]);

/** A failed project request in words: the project's own refusals first, else the app's usual sentence. */
export const projectErrorMessage = (t: TFunction, error: unknown): string =>
  isApiError(error) && projectCodes.has(error.code) ? t(`projects.errors.${error.code}`) : errorMessage(t, error);
