import { describe, expect, it } from 'vitest';
import { renderText, unknownVariables } from './templates.js';

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
});
