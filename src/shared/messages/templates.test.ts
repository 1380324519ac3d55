import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, EXAMPLE_VALUES, emptyPlaceholders, renderText, unknownVariables } from './templates.js';

describe('message templates', () => {
  it('reports every placeholder that is not a template variable, Swedish letters and spaces included', () => {
    expect(unknownVariables('Hej, {{pupilName}} var borta {{date}}.')).toEqual([]);
    expect(unknownVariables('{{okäntFält}} och {{ pupil name }} och {{ rate }}')).toEqual(['okäntFält', 'pupil name']);
  });

  it('fills known variables and leaves no braces behind for missing values', () => {
    expect(renderText('{{ pupilName }}: {{rate}} % i {{month}}', { pupilName: 'Ali', rate: 23.5 })).toBe(
      'Ali: 23.5 % i ',
    );
  });

  it('takes Swedish placeholder names and still the English names of templates saved before', () => {
    const values = { pupilName: 'Ali', rate: '23 %' };
    expect(unknownVariables('{{elevens_namn}}: {{ frånvaro_procent }} ({{rate}})')).toEqual([]);
    expect(renderText('{{elevens_namn}}: {{ frånvaro_procent }} ({{rate}}, {{pupilName}})', values)).toBe(
      'Ali: 23 % (23 %, Ali)',
    );
    expect(emptyPlaceholders('{{elevens_namn}} {{månad}} {{month}}', values)).toEqual(['månad', 'month']);
  });

  it('writes every default template with Swedish names and previews it without a hole', () => {
    for (const [key, byLocale] of Object.entries(DEFAULT_TEMPLATES))
      for (const [locale, text] of Object.entries(byLocale)) {
        const both = `${text.subject}\n${text.body}`;
        expect(unknownVariables(both), `${key} ${locale}`).toEqual([]);
        expect(both, `${key} ${locale}`).not.toMatch(/\{\{[a-z]+[A-Z]/);
        expect(emptyPlaceholders(both, EXAMPLE_VALUES[locale as 'sv' | 'en']), `${key} ${locale}`).toEqual([]);
      }
  });
});
