// The ladder format: JSON Schema shape and validation with Swedish problems and JSON Pointer paths.
import { describe, expect, it } from 'vitest';
import { LadderDefinitionSchema, validateLadder, type LadderDefinition } from './format';
import { LADDER_PRESETS } from './presets';
import { ladder, step } from './test-fixtures';

const monthRate = (threshold: number) => ({
  kind: 'rate' as const,
  measure: 'absent' as const,
  period: { kind: 'month' as const },
  comparator: 'gte' as const,
  threshold,
});

/** A valid two-step ladder as plain JSON, to break in each test. */
function goodLadder(): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(
      ladder([
        step('forsta', [monthRate(0.1)], {
          actions: [{ kind: 'task', role: 'mentor', title: 'Ring hem', dueDays: 1 }],
        }),
        step('andra', [{ kind: 'incompleteWeeks', k: 3, n: 4 }], { requiresPrevious: { freshWindow: true } }),
      ]),
    ),
  ) as Record<string, unknown>;
}

/** Problems of a ladder that must be invalid. */
function problemsOf(input: unknown) {
  const result = validateLadder(input);
  if (result.ok) throw new Error('expected the ladder to be invalid');
  return result.problems;
}

function set(target: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  const keys = pointer.split('/').slice(1);
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return target;
}

describe('LadderDefinitionSchema', () => {
  it('is a JSON Schema object that survives JSON serialisation (for export and the editor)', () => {
    const schema = JSON.parse(JSON.stringify(LadderDefinitionSchema));
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(
      expect.arrayContaining(['id', 'name', 'description', 'source', 'deEscalation', 'steps']),
    );
    expect(schema.properties.steps.items.properties.triggers.properties.triggers.items.anyOf).toHaveLength(8);
  });
});

describe('validateLadder', () => {
  it('accepts a well-formed ladder and returns it typed', () => {
    const result = validateLadder(goodLadder());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.ladder.steps.map((s) => s.key)).toEqual(['forsta', 'andra']);
  });

  it('accepts all four presets', () => {
    for (const preset of Object.values(LADDER_PRESETS))
      expect(validateLadder(preset)).toEqual({ ok: true, ladder: preset });
  });

  it('rejects something that is not a ladder at all', () => {
    expect(problemsOf('trappa')).toEqual([{ path: '', message: 'måste vara ett objekt' }]);
  });

  it('names missing and unknown fields', () => {
    const input = goodLadder();
    delete input.name;
    input.colour = 'blå';
    expect(problemsOf(input)).toEqual([
      { path: '/name', message: 'saknas (obligatoriskt fält)' },
      { path: '/colour', message: 'är inte ett känt fält' },
    ]);
  });

  it('reports a threshold outside 0..1 once, at its path, with what is expected', () => {
    const problems = problemsOf(set(goodLadder(), '/steps/0/triggers/triggers/0/threshold', 20));
    expect(problems).toEqual([
      { path: '/steps/0/triggers/triggers/0/threshold', message: 'får vara högst 1 (andel 0–1, t.ex. 0.2 för 20 %)' },
    ]);
  });

  it('reports an unknown trigger kind with the allowed kinds', () => {
    const [problem] = problemsOf(set(goodLadder(), '/steps/0/triggers/triggers/0', { kind: 'moon' }));
    expect(problem.path).toBe('/steps/0/triggers/triggers/0/kind');
    expect(problem.message).toMatch(/^okänd typ "moon"; tillåtna är "rate", "incompleteWeeks", .*"group"$/);
  });

  it('checks the fields of the trigger kind that is named, not of every kind', () => {
    const problems = problemsOf(
      set(goodLadder(), '/steps/0/triggers/triggers/0', {
        kind: 'rate',
        measure: 'sick',
        period: { kind: 'month', days: 3 },
        comparator: 'gte',
        threshold: 0.1,
      }),
    );
    expect(problems).toEqual([
      {
        path: '/steps/0/triggers/triggers/0/measure',
        message:
          'måste vara ett av "absent", "valid", "invalid" ("absent" = all frånvaro, "valid" = giltig, "invalid" = ogiltig)',
      },
      { path: '/steps/0/triggers/triggers/0/period/days', message: 'är inte ett känt fält' },
    ]);
  });

  it('rejects bad keys, empty names, wrong types and unknown task roles together', () => {
    const input = goodLadder();
    set(input, '/id', 'Min Trappa');
    set(input, '/steps/0/name', '');
    set(input, '/steps/0/actions/0/dueDays', 'snart');
    set(input, '/steps/0/actions/0/role', 'janitor');
    expect(problemsOf(input).map((p) => p.path)).toEqual([
      '/id',
      '/steps/0/name',
      '/steps/0/actions/0/role',
      '/steps/0/actions/0/dueDays',
    ]);
    expect(problemsOf(input)[0].message).toBe(
      'har fel format (gemena a–z, siffror och bindestreck, t.ex. "fortsatt-franvaro")',
    );
    expect(problemsOf(input)[3].message).toBe('måste vara ett heltal (dagar till förfallodag, 0–730)');
  });

  it('allows one level of nested groups, not two', () => {
    const nested = { kind: 'group', combine: 'any', triggers: [monthRate(0.1)] };
    expect(validateLadder(set(goodLadder(), '/steps/0/triggers/triggers/1', nested)).ok).toBe(true);
    const twice = { kind: 'group', combine: 'any', triggers: [nested] };
    expect(problemsOf(set(goodLadder(), '/steps/0/triggers/triggers/1', twice))).toEqual([
      expect.objectContaining({
        path: '/steps/0/triggers/triggers/1/triggers/0/kind',
        message: expect.stringMatching(/^okänd typ "group"/),
      }),
    ]);
  });

  it('requires unique step keys', () => {
    expect(problemsOf(set(goodLadder(), '/steps/1/key', 'forsta'))).toEqual([
      { path: '/steps/1/key', message: 'Nyckeln "forsta" används redan av steg 1; varje nyckel måste vara unik.' },
    ]);
  });

  it('requires k ≤ n in "k of the last n weeks"', () => {
    expect(problemsOf(set(goodLadder(), '/steps/1/triggers/triggers/0/k', 5))).toEqual([
      {
        path: '/steps/1/triggers/triggers/0/k',
        message: 'k (5) kan inte vara större än n (4): villkoret gäller "k av de senaste n veckorna".',
      },
    ]);
  });

  it('requires a referenced previous step to exist and come earlier', () => {
    expect(problemsOf(set(goodLadder(), '/steps/1/requiresPrevious/stepKey', 'saknas'))).toEqual([
      { path: '/steps/1/requiresPrevious/stepKey', message: 'Steget "saknas" finns inte i trappan.' },
    ]);
    expect(problemsOf(set(goodLadder(), '/steps/1/requiresPrevious/stepKey', 'andra'))[0].message).toBe(
      'Steget "andra" kommer inte före steg 2; bara ett tidigare steg kan krävas.',
    );
  });

  it('rejects previous-step conditions on the first step', () => {
    const input = set(goodLadder(), '/steps/0/requiresPrevious', { weeksAfterPreviousStep: 2 });
    set(input, '/steps/0/triggers/triggers/0', {
      kind: 'incompleteWeeks',
      k: 1,
      n: 2,
      freshWindowAfterPreviousStep: true,
    });
    expect(problemsOf(input)).toEqual([
      { path: '/steps/0/requiresPrevious', message: 'Första steget har inget föregående steg att bygga på.' },
      {
        path: '/steps/0/triggers/triggers/0/freshWindowAfterPreviousStep',
        message: 'Ett nytt fönster efter föregående steg kräver ett föregående steg; det finns inget här.',
      },
    ]);
  });

  it('requires triggers on automatic steps and none on manual steps', () => {
    const input = set(goodLadder(), '/steps/0/triggers/triggers', []);
    set(input, '/steps/1/entry', 'manual');
    expect(problemsOf(input)).toEqual([
      {
        path: '/steps/0/triggers/triggers',
        message:
          'Steg 1 ("Steg forsta") går in automatiskt men har inga utlösare; lägg till en utlösare eller gör steget manuellt.',
      },
      {
        path: '/steps/1/triggers/triggers',
        message:
          'Steg 2 ("Steg andra") sätts bara av personal och kan inte ha utlösare; ta bort dem eller gör steget automatiskt.',
      },
      {
        path: '/steps/1/requiresPrevious',
        message: 'Steg 2 ("Steg andra") är manuellt; villkor om föregående steg gäller bara automatiska steg.',
      },
    ]);
  });

  it('checks alerts: unique keys, triggers and at least one action', () => {
    const alert = {
      key: 'a',
      name: 'Signal',
      description: 'Test.',
      triggers: { combine: 'any', triggers: [] },
      actions: [],
    };
    const problems = problemsOf(set(goodLadder(), '/alerts', [alert]));
    expect(problems).toEqual([{ path: '/alerts/0/actions', message: 'måste innehålla minst en post' }]);
    const withAction = { ...alert, actions: [{ kind: 'guardianMessage', templateKey: 'mall' }] };
    expect(problemsOf(set(goodLadder(), '/alerts', [withAction, withAction]))).toEqual([
      { path: '/alerts/1/key', message: 'Nyckeln "a" används redan av signal 1; varje nyckel måste vara unik.' },
      { path: '/alerts/0/triggers/triggers', message: 'Signalen "Signal" behöver minst en utlösare.' },
      { path: '/alerts/1/triggers/triggers', message: 'Signalen "Signal" behöver minst en utlösare.' },
    ]);
  });

  it('types a validated ladder as LadderDefinition', () => {
    const result = validateLadder(goodLadder());
    const typed: LadderDefinition | null = result.ok ? result.ladder : null;
    expect(typed?.deEscalation).toEqual({ kind: 'none' });
  });

  it('takes an optional exit on the ladder and on a step; a ladder without one stays valid', () => {
    const { exit: _exit, ...withoutExit } = LADDER_PRESETS.stockholm;
    expect(validateLadder(withoutExit).ok).toBe(true);
    const withStepExit = set(set(goodLadder(), '/exit', { kind: 'weeksWithoutTrigger', weeks: 6 }), '/steps/0/exit', {
      kind: 'none',
    });
    expect(validateLadder(withStepExit).ok).toBe(true);
    expect(problemsOf(set(goodLadder(), '/exit', { kind: 'weeksWithoutTrigger', weeks: 0 }))).toEqual([
      expect.objectContaining({ path: '/exit/weeks' }),
    ]);
  });
});
