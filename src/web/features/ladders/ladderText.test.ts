import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import sv from '../../i18n/sv.json';
import en from '../../i18n/en.json';
import { LADDER_PRESETS } from '@shared/ladders/presets';
import { actionText, deEscalationText, entryText, requiresPreviousText, stepLabel, triggerText } from './ladderText';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'sv',
  resources: { sv: { translation: sv }, en: { translation: en } },
  initAsync: false,
  interpolation: { escapeValue: false },
});
const t = i18n.t.bind(i18n);
const { stockholm, kyrkbacksskolan, orebro } = LADDER_PRESETS;
// Intl puts a no-break space before "%".
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('ladder wording', () => {
  it('says the Stockholm investigation step in plain Swedish', () => {
    const step = stockholm.steps[2];
    expect(entryText(t, step)).toBe('Går in automatiskt när något av villkoren uppfylls:');
    expect(step.triggers.triggers.map((trigger) => plain(triggerText(t, trigger, 'sv')))).toEqual([
      'All frånvaro minst 40 % under en avslutad kalendermånad',
      'All frånvaro minst 20 % sammantaget under två avslutade kalendermånader i följd',
    ]);
    expect(actionText(t, step.actions[2])).toBe(
      'Uppgift till rektor inom 30 dagar: Slutför utredningen av frånvaron (inom en månad)',
    );
    expect(actionText(t, step.actions[0])).toBe('Öppna en utredning av frånvaron');
    expect(entryText(t, stockholm.steps[1])).toBe('Sätts av personal (inga automatiska villkor).');
  });

  it('names message templates as the template page does, never by their key', () => {
    expect(actionText(t, { kind: 'guardianMessage', templateKey: 'manadsfranvaro-over-20' })).toBe(
      'Meddelande till vårdnadshavare med mallen ”Hög frånvaro under månaden”',
    );
    // A key without wording of its own is sent with the generic template, so that one is named.
    expect(actionText(t, { kind: 'guardianMessage', templateKey: 'kontakt-hemmet' })).toBe(
      'Meddelande till vårdnadshavare med mallen ”Närvarotrappa”',
    );
    expect(actionText(t, { kind: 'organiserNotice', templateKey: 'rapport-huvudman' })).toBe(
      'Anmälan till huvudmannen med mallen ”Anmälan till huvudmannen”',
    );
  });

  it('covers the other trigger kinds and rules', () => {
    const kyrk = kyrkbacksskolan.steps.flatMap((s) =>
      s.triggers.triggers.map((trigger) => plain(triggerText(t, trigger, 'sv'))),
    );
    expect(kyrk).toContain('All frånvaro över 20 % under en avslutad kalendermånad');
    expect(kyrk).toContain('Personal har markerat oro för eleven');
    expect(kyrk.some((text) => text.startsWith('Minst 3 ofullständiga veckor'))).toBe(true);
    const ore = orebro.steps.flatMap((s) => s.triggers.triggers.map((trigger) => plain(triggerText(t, trigger, 'sv'))));
    expect(ore.every((text) => text.length > 10 && !text.includes('ladderText.'))).toBe(true);
    expect(deEscalationText(t, stockholm)).toMatch(/^Ingen automatisk nedtrappning/);
    expect(deEscalationText(t, { deEscalation: { kind: 'weeksBelow', weeks: 4 } })).toBe(
      'Eleven går ner ett steg efter 4 veckor då stegets villkor inte uppfylls.',
    );
    const withRule = kyrkbacksskolan.steps.findIndex((s) => s.requiresPrevious);
    if (withRule >= 0)
      expect(requiresPreviousText(t, kyrkbacksskolan, withRule)).toMatch(/^Kräver att eleven redan är på steg \d/);
    expect(requiresPreviousText(t, stockholm, 0)).toBeNull();
  });

  it('names steps, and step 0 as none', () => {
    expect(stepLabel(t, 3, 'Utredning + anmälan')).toBe('Steg 3 · Utredning + anmälan');
    expect(stepLabel(t, 2, null)).toBe('Steg 2');
    expect(stepLabel(t, 0, null)).toBe('Inget steg');
  });

  it('has English wording too', () => {
    const en = i18n.getFixedT('en');
    expect(plain(triggerText(en, stockholm.steps[0].triggers.triggers[0], 'en'))).toBe(
      'All absence at least 10% in a completed calendar month',
    );
  });
});
