import type { Locale } from '@nenner/shared';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';
import { detectLocale } from './format';

export const resources = { de: { translation: de }, en: { translation: en } } as const;

/** Starts i18next in the browser's language; the user's saved locale replaces it after login. */
export const initI18n = (): typeof i18next => {
  const lng = detectLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
  void i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
};

/** Switches the UI language (does not save it). */
export const applyLocale = (locale: Locale | null): void => {
  const lng = locale ?? detectLocale(navigator.languages);
  if (i18next.language !== lng) void i18next.changeLanguage(lng);
};
