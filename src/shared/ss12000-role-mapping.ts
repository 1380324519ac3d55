/**
 * Which Närvaro role an SS12000 duty role (Duty.dutyRole) or assignment role
 * (Duty.assignmentRole.assignmentRoleType) gives at the duty's school unit. These are the
 * defaults; an organiser overrides single values (docs/authentication.md, "Accounts from SS12000").
 */
import type { Role } from './roles.js';

/** SS12000 Duty.dutyRole values (the import validates against these). */
export const DUTY_ROLES = [
  'Rektor',
  'Lärare',
  'Förskollärare',
  'Barnskötare',
  'Bibliotekarie',
  'Lärarassistent',
  'Fritidspedagog',
  'Annan personal',
  'Studie- och yrkesvägledare',
  'Förstelärare',
  'Kurator',
  'Skolsköterska',
  'Skolläkare',
  'Skolpsykolog',
  'Speciallärare/specialpedagog',
  'Skoladministratör',
  'Övrig arbetsledning',
  'Övrig pedagogisk personal',
  'Förskolechef',
] as const;
/** SS12000 Duty.assignmentRole.assignmentRoleType values. */
export const ASSIGNMENT_ROLE_TYPES = [
  'Mentor',
  'Förskollärare',
  'Barnskötare',
  'Fritidspedagog',
  'Specialpedagog',
  'Elevhälsopersonal',
  'Pedagogisk ledare',
  'Schemaläggare',
  'Lärarassistent',
  'Administrativ personal',
] as const;

export const MAPPABLE_ROLES = ['teacher', 'mentor', 'studentHealth', 'principal'] as const satisfies readonly Role[];
export type MappableRole = (typeof MAPPABLE_ROLES)[number];
export type RoleSourceKind = 'duty' | 'assignment';

/** Values not listed give no role. */
export const DEFAULT_ROLE_MAPPING: Record<RoleSourceKind, Record<string, MappableRole>> = {
  duty: {
    Rektor: 'principal',
    Lärare: 'teacher',
    Förstelärare: 'teacher',
    Förskollärare: 'teacher',
    'Speciallärare/specialpedagog': 'teacher',
    Kurator: 'studentHealth',
    Skolsköterska: 'studentHealth',
    Skolläkare: 'studentHealth',
    Skolpsykolog: 'studentHealth',
  },
  assignment: {
    Mentor: 'mentor',
    Elevhälsopersonal: 'studentHealth',
  },
};

export interface RoleMappingEntry {
  sourceKind: RoleSourceKind;
  sourceValue: string;
  /** null: the value gives no role. */
  role: MappableRole | null;
}
