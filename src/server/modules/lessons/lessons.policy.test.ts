// Every role × relation × action on a lesson, expected values written from the documented rules
// (lessons.policy.ts): teachers register, rektor and mentors (own mentees) correct, elevhälsa reads.
import { describe, expect, it } from 'vitest';
import { allows } from '../../policies/table.js';
import { actorWith, STAFF_ROLES, UNIT_A, UNIT_B } from '../../policies/test-actors.js';
import { type LessonAction, type LessonRelation, lessonPolicy } from './lessons.policy.js';

type Case = [
  (typeof STAFF_ROLES)[number],
  LessonRelation | 'none',
  'A' | 'B',
  read: boolean,
  register: boolean,
  correct: boolean,
];
const cases: Case[] = [
  ['teacher', 'none', 'A', false, false, false],
  ['teacher', 'teacher', 'A', true, true, false],
  ['teacher', 'teacher', 'B', true, true, false],
  ['mentor', 'none', 'A', false, false, false],
  ['mentor', 'mentorOfPupil', 'A', true, false, true],
  ['mentor', 'teacher', 'A', true, true, false],
  ['principal', 'none', 'A', true, false, true],
  ['principal', 'none', 'B', false, false, false],
  ['principal', 'teacher', 'B', true, true, false],
  ['studentHealth', 'none', 'A', true, false, false],
  ['studentHealth', 'none', 'B', false, false, false],
  ['organiserAdmin', 'none', 'A', false, false, false],
  ['systemAdmin', 'none', 'A', false, false, false],
];

describe('lesson policy', () => {
  it.each(cases)(
    '%s (%s) at unit %s: read %s, register %s, correct %s',
    (role, relation, unit, read, register, correct) => {
      const subject = {
        schoolUnitId: unit === 'A' ? UNIT_A : UNIT_B,
        relations: relation === 'none' ? [] : [relation],
      };
      const may = (action: LessonAction) => allows(lessonPolicy, actorWith(role), action, subject);
      expect([may('read'), may('register'), may('correct')]).toEqual([read, register, correct]);
    },
  );

  it('a guardian may do nothing with a lesson', () => {
    for (const action of ['read', 'register', 'correct'] as const)
      expect(allows(lessonPolicy, actorWith('teacher', 'guardian'), action, { schoolUnitId: UNIT_A })).toBe(false);
  });
});
