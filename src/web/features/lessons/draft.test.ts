import { describe, expect, it } from 'vitest';
import type { LessonDetail, RosterEntry } from '@shared/schemas/lessons';
import {
  countKinds,
  draftBasis,
  draftProblems,
  hasUnsavedChanges,
  initialDraft,
  initialDrafts,
  keptDraftFor,
  lessonHasStarted,
  toMarkInputs,
} from './draft';

const entry = (personId: string, over: Partial<RosterEntry> = {}): RosterEntry => ({
  personId,
  givenName: 'A',
  familyName: personId,
  isProtected: false,
  teachingMinutes: 50,
  mark: null,
  covering: [],
  canChange: true,
  ...over,
});
const report = (isWholeLesson: boolean, kind: 'guardianReport' | 'leave' | 'staffReason' = 'guardianReport') => ({
  id: `c-${kind}`,
  kind,
  isWholeLesson,
  coveredMinutes: isWholeLesson ? 50 : 20,
});

describe('initialDraft', () => {
  it('is present by default', () => {
    expect(initialDraft(entry('p'), false).kind).toBe('present');
  });
  it('pre-marks absent when a report or leave covers the whole unconfirmed lesson', () => {
    expect(initialDraft(entry('p', { covering: [report(true)] }), false)).toMatchObject({
      kind: 'absent',
      isPreMarked: true,
    });
    expect(initialDraft(entry('p', { covering: [report(true, 'leave')] }), false).kind).toBe('absent');
  });
  it('does not pre-mark partial covers, staff reasons, or confirmed lessons', () => {
    expect(initialDraft(entry('p', { covering: [report(false)] }), false).kind).toBe('present');
    expect(initialDraft(entry('p', { covering: [report(true, 'staffReason')] }), false).kind).toBe('present');
    expect(initialDraft(entry('p', { covering: [report(true)] }), true).kind).toBe('present');
  });
  it('keeps a stored mark with its minutes, reason and comment', () => {
    const draft = initialDraft(
      entry('p', { mark: { kind: 'late', minutes: 10, reasonCode: 'x', comment: 'buss' } }),
      true,
    );
    expect(draft).toMatchObject({ kind: 'late', minutes: '10', reasonCode: 'x', comment: 'buss' });
  });
  it('never pre-marks a pupil the user may not change', () => {
    expect(initialDraft(entry('p', { covering: [report(true)], canChange: false }), false).kind).toBe('present');
  });
  it('keeps an imported mark as imported', () => {
    expect(
      initialDraft(entry('p', { mark: { kind: 'imported', minutes: 30, reasonCode: null, comment: null } }), true),
    ).toMatchObject({ kind: 'imported', minutes: '30' });
  });
});

describe('toMarkInputs', () => {
  const roster = [
    entry('a'),
    entry('b'),
    entry('c'),
    entry('d', { mark: { kind: 'imported', minutes: 30, reasonCode: null, comment: null } }),
  ];
  const detail = { lesson: { isConfirmed: false }, roster } as unknown as LessonDetail;

  it('sends only pupils who are not present, and never an untouched imported mark', () => {
    const drafts = initialDrafts(detail);
    drafts.a = { ...drafts.a, kind: 'absent' };
    drafts.b = { ...drafts.b, kind: 'late', minutes: '10' };
    expect(toMarkInputs(drafts, roster)).toEqual([
      { personId: 'a', kind: 'absent' },
      { personId: 'b', kind: 'late', minutes: 10 },
    ]);
    expect(countKinds(drafts)).toMatchObject({ absent: 1, late: 1, present: 1, imported: 1 });
  });

  it('sends "present" to override an imported mark, but not for a pupil the user may not change', () => {
    const locked = [
      entry('e', { mark: { kind: 'imported', minutes: 30, reasonCode: null, comment: null }, canChange: false }),
    ];
    const drafts = initialDrafts({
      lesson: { isConfirmed: false },
      roster: [...roster, ...locked],
    } as unknown as LessonDetail);
    drafts.d = { ...drafts.d, kind: 'present' };
    drafts.e = { ...drafts.e, kind: 'present' };
    expect(toMarkInputs(drafts, [...roster, ...locked])).toEqual([{ personId: 'd', kind: 'present' }]);
  });

  it("sends a locked pupil's stored mark unchanged, so it does not count as a change", () => {
    const locked = entry('f', {
      mark: { kind: 'absent', minutes: null, reasonCode: 'reported', comment: 'x' },
      canChange: false,
    });
    const drafts = initialDrafts({ lesson: { isConfirmed: true }, roster: [locked] } as unknown as LessonDetail);
    expect(toMarkInputs(drafts, [locked])).toEqual([
      { personId: 'f', kind: 'absent', reasonCode: 'reported', comment: 'x' },
    ]);
  });

  it('requires whole minutes between 1 and the lesson length for late and left', () => {
    const drafts = initialDrafts(detail);
    drafts.a = { ...drafts.a, kind: 'late', minutes: '' };
    drafts.b = { ...drafts.b, kind: 'left', minutes: '51' };
    drafts.c = { ...drafts.c, kind: 'late', minutes: '2.5' };
    expect(draftProblems(drafts, roster)).toEqual([
      { personId: 'a', problem: 'minutesMissing' },
      { personId: 'b', problem: 'minutesRange' },
      { personId: 'c', problem: 'minutesRange' },
    ]);
  });
});

describe('kept drafts and the lesson start', () => {
  const detail = (over: Partial<LessonDetail['lesson']> = {}, roster: RosterEntry[] = [entry('p1'), entry('p2')]) =>
    ({
      lesson: {
        id: 'l',
        activityName: 'Ma',
        groupNames: [],
        schoolUnitName: 'S',
        date: '2026-11-23',
        startTime: '10:00',
        endTime: '11:00',
        teachingMinutes: 60,
        isCancelled: false,
        isConfirmed: false,
        confirmedAt: null,
        pupilCount: 2,
        isSubstitute: false,
        ...over,
      },
      roster,
      history: [],
      historyTotal: 0,
      historyCursor: null,
      access: 'register',
      confirmedBy: null,
    }) as LessonDetail;

  it('offers a kept draft only while the stored registration is the one it was made from', () => {
    const d = detail();
    const drafts = { ...initialDrafts(d), p1: { kind: 'absent' as const, minutes: '', isPreMarked: false } };
    expect(hasUnsavedChanges(drafts, d)).toBe(true);
    const raw = JSON.stringify({ basis: draftBasis(d), drafts });
    expect(keptDraftFor(raw, d)?.p1.kind).toBe('absent');
    const confirmedMeanwhile = detail({ isConfirmed: true, confirmedAt: '2026-11-23T10:05:00Z' });
    expect(keptDraftFor(raw, confirmedMeanwhile)).toBeNull();
    expect(keptDraftFor('not json', d)).toBeNull();
    expect(keptDraftFor(JSON.stringify({ basis: draftBasis(d), drafts: initialDrafts(d) }), d)).toBeNull();
  });

  it('never restores a change to a pupil the user may not change', () => {
    const d = detail({}, [entry('p1', { canChange: false }), entry('p2')]);
    const raw = JSON.stringify({
      basis: draftBasis(d),
      drafts: { p1: { kind: 'absent', minutes: '', isPreMarked: false } },
    });
    expect(keptDraftFor(raw, d)).toBeNull();
  });

  it('tells a lesson that has not started from one that has', () => {
    const lesson = { date: '2026-11-23', startTime: '10:00' };
    expect(lessonHasStarted(lesson, '2026-11-23', '2026-11-23', '09:59')).toBe(false);
    expect(lessonHasStarted(lesson, '2026-11-23', '2026-11-23', '10:00')).toBe(true);
    expect(lessonHasStarted(lesson, '2026-11-24', '2026-11-24', '07:00')).toBe(true);
    expect(lessonHasStarted(lesson, '2026-11-22', '2026-11-22', '23:00')).toBe(false);
    // A fixed demo date: the browser's clock says another day, so the time of day is not compared.
    expect(lessonHasStarted(lesson, '2026-11-23', '2026-12-07', '07:00')).toBe(true);
  });
});
