import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import sv from '../../i18n/sv.json';
import { LADDER_PRESETS } from '@shared/ladders/presets';
import {
  appendAt,
  fieldId,
  formShapeProblem,
  getIn,
  newStep,
  parseWhole,
  percentToShare,
  pointerAncestors,
  pointerOf,
  problemLocation,
  problemsByPointer,
  removeAt,
  setIn,
  shareToPercent,
} from './editor';

const i18n = i18next.createInstance();
void i18n.init({
  lng: 'sv',
  resources: { sv: { translation: sv } },
  initAsync: false,
  interpolation: { escapeValue: false },
});
const t = i18n.t.bind(i18n);
const stockholm = LADDER_PRESETS.stockholm;

describe('updates by path', () => {
  it('replaces a value deep inside without touching the original', () => {
    const next = setIn(stockholm, ['steps', 2, 'triggers', 'triggers', 0, 'threshold'], 0.45);
    expect(getIn(next, ['steps', 2, 'triggers', 'triggers', 0, 'threshold'])).toBe(0.45);
    expect(getIn(stockholm, ['steps', 2, 'triggers', 'triggers', 0, 'threshold'])).toBe(0.4);
    expect(next.steps[0]).toBe(stockholm.steps[0]);
  });
  it('removes and appends array elements', () => {
    const fewer = removeAt(stockholm, ['steps', 1]);
    expect(fewer.steps.map((s) => s.key)).toEqual(['uppmarksamma', 'utredning-anmalan', 'samverkan']);
    const more = appendAt(stockholm, ['steps', 0, 'lawReferences'], 'SL 7:19 a');
    expect(more.steps[0].lawReferences).toEqual(['SL 7:19 a']);
    expect(stockholm.steps[0].lawReferences).toEqual([]);
  });
  it('gives a new step a key that is not used yet', () => {
    const step = newStep(
      { steps: [...stockholm.steps, { ...stockholm.steps[0], key: 'steg-5' }] },
      'Nytt',
      'Beskrivning',
    );
    expect(step.key).toBe('steg-6');
    expect(step.entry).toBe('automatic');
  });
});

describe('problem paths', () => {
  it('turns pointers into field ids and their parents', () => {
    expect(pointerOf(['steps', 0, 'name'])).toBe('/steps/0/name');
    expect(fieldId('/steps/0/name')).toBe('ladder-steps-0-name');
    expect(pointerAncestors('/steps/0/name')).toEqual(['/steps/0/name', '/steps/0', '/steps', '']);
  });
  it('groups the server problems by pointer inside the definition', () => {
    const map = problemsByPointer([
      { path: '/definition/steps/0/name', message: 'a' },
      { path: '/definition/steps/0/name', message: 'b' },
      { path: '/effectiveFrom', message: 'c' },
    ]);
    expect(map.get('/steps/0/name')).toEqual(['a', 'b']);
    expect(map.get('/effectiveFrom')).toEqual(['c']);
  });
  it('names the place of a problem in Swedish', () => {
    expect(problemLocation(t, '/steps/2/triggers/triggers/1/threshold', stockholm)).toBe(
      'Steg 3 (Utredning + anmälan) › Villkor 2 › Gräns',
    );
    expect(problemLocation(t, '/steps/0/actions/0/dueDays', null)).toBe('Steg 1 › Åtgärd 1 › Dagar till förfallodag');
    expect(problemLocation(t, '/steps/1/lawReferences/0', stockholm)).toBe('Steg 2 (Fördjupad kartläggning) › Lagrum');
    expect(problemLocation(t, '', stockholm)).toBe('Trappan');
    expect(problemLocation(t, '/unknownThing', stockholm)).toBe('unknownThing');
  });
});

describe('numbers in the form', () => {
  it('edits shares as percent with one decimal', () => {
    expect(shareToPercent(0.125)).toBe(12.5);
    expect(shareToPercent(0.4)).toBe(40);
    expect(percentToShare('12,5')).toBe(0.125);
    expect(percentToShare('40')).toBe(0.4);
    expect(percentToShare('')).toBeNull();
    expect(percentToShare('101')).toBeNull();
    expect(percentToShare('abc')).toBeNull();
  });
  it('accepts only whole numbers in range', () => {
    expect(parseWhole('14', 0, 730)).toBe(14);
    expect(parseWhole('1.5', 0, 730)).toBeNull();
    expect(parseWhole('-1', 0, 730)).toBeNull();
    expect(parseWhole('', 0, 730)).toBeNull();
  });
});

describe('JSON shape check', () => {
  it('accepts every preset', () => {
    for (const preset of Object.values(LADDER_PRESETS))
      expect(formShapeProblem(JSON.parse(JSON.stringify(preset)))).toBeNull();
  });
  it('explains what the form cannot show', () => {
    expect(formShapeProblem([])).toBe('ladderEditor.json.notObject');
    expect(formShapeProblem({ steps: [] })).toBe('ladderEditor.json.noSteps');
    expect(formShapeProblem({ ...stockholm, steps: [{ name: 'x' }] })).toBe('ladderEditor.json.badShape');
  });
});
