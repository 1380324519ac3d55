/** BCP 47 locale for Intl formatting of a UI language (kept apart from i18n setup so pure code can use it). */
export function localeOf(language: string): string {
  return language === 'en' ? 'en-GB' : 'sv-SE';
}
