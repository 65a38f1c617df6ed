import { de } from './de';
import { en } from './en';

/** Both languages at once, for tests that start their own i18next; the app loads English on demand. */
export const resources = { de: { translation: de }, en: { translation: en } } as const;
