// The case PDF (server) and the case page (web) name the same codes the same way.
import { describe, expect, it } from 'vitest';
import { CASE_LABELS_SV } from '@shared/cases/labels-sv';
import sv from './sv.json';

describe('Swedish case labels', () => {
  it('agree between the case PDF and the web app', () => {
    const cases = sv.cases;
    expect(CASE_LABELS_SV.memberRoles).toEqual(cases.members.roles);
    expect(CASE_LABELS_SV.causeGivers).toEqual(cases.causes.givers);
    expect(CASE_LABELS_SV.followUpPoints).toEqual(cases.plan.points);
    expect(CASE_LABELS_SV.goalAttainment).toEqual(cases.plan.goal);
    expect(CASE_LABELS_SV.concernReasons).toEqual(cases.concern.reasons);
    expect(CASE_LABELS_SV.concernFeedback).toEqual(cases.concern.feedbackKinds);
    expect(CASE_LABELS_SV.meetingKinds).toEqual(cases.meetings.kinds);
    expect(CASE_LABELS_SV.organisationTypes).toEqual(cases.meetings.orgTypes);
    expect(CASE_LABELS_SV.closeReasons).toEqual(cases.close.reasons);
  });
});
