import type { Locale } from '@nenner/shared';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { detectLocale } from './format';
import type { Messages } from './messages';

// German is the fallback and comes with the app; English loads the first time someone needs it, so the
// first visit downloads one language, not two (docs/performance.md, "First load").
const loaders: Record<Locale, () => Promise<Messages>> = {
  de: () => Promise.resolve(de),
  en: () => import('./en').then((m) => m.en),
};

const load = async (lng: Locale): Promise<void> => {
  if (!i18next.hasResourceBundle(lng, 'translation')) {
    i18next.addResourceBundle(lng, 'translation', await loaders[lng]());
  }
};

/** Starts i18next in the browser's language; the user's saved locale replaces it after login. */
export const initI18n = async (): Promise<typeof i18next> => {
  const lng = detectLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
  await i18next.use(initReactI18next).init({
    resources: { [lng]: { translation: await loaders[lng]() } },
    lng,
    fallbackLng: 'de',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  await load('de');
  document.documentElement.lang = lng;
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l;
  });
  return i18next;
};

/** Switches the UI language (does not save it), once its texts have loaded. */
export const applyLocale = async (locale: Locale | null): Promise<void> => {
  const lng = locale ?? detectLocale(navigator.languages);
  await load(lng);
  if (i18next.language !== lng) await i18next.changeLanguage(lng);
};
