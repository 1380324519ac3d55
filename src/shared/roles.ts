/** Staff roles. School roles are granted per school unit; organiser roles for the whole organiser. */
export const ROLES = [
  'teacher',
  'mentor',
  'studentHealth',
  'principal',
  'organiserAdmin',
  'systemAdmin',
  'region',
] as const;
export type Role = (typeof ROLES)[number];

/** Swedish names shown in the UI. */
export const ROLE_LABELS = {
  teacher: 'Lärare',
  mentor: 'Mentor',
  studentHealth: 'Elevhälsa',
  principal: 'Rektor',
  organiserAdmin: 'Huvudman',
  systemAdmin: 'Systemadministratör',
  /** A county cooperation: a user of a region tenant who sees suppressed aggregates of sharing member organisers only. */
  region: 'Region',
} as const satisfies Record<Role, string>;

/** One role grant; `schoolUnitId` null = the whole organiser. */
export interface RoleGrant {
  role: Role;
  schoolUnitId: string | null;
}
