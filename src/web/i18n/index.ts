/**
 * i18next setup: Swedish first, English second. The chosen language is remembered in
 * localStorage and mirrored on <html lang> so screen readers pronounce text correctly.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import sv from './sv.json';
import en from './en.json';

/** Supported languages; Swedish first and default. */
export const LANGUAGES = ['sv', 'en'] as const;
/** A supported language code. */
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'narvaro.language';

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'sv';
  } catch {
    // Storage can be blocked (private mode, policies); Swedish is the default anyway.
    return 'sv';
  }
}

export { localeOf } from './locale';

/** Switches language, remembers it and updates <html lang>. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered across visits; the switch itself still works.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { sv: { translation: sv }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'sv',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
