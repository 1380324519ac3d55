/** Which pages each role reaches from the main navigation. */
import type { Role } from '@shared/roles';
import type { Me } from '@shared/schemas/auth';

/** Navigation items in display order. */
export const NAV_ITEMS = [
  'myLessons',
  'earlyWarning',
  'tasks',
  'cases',
  'leaveRequests',
  'notices',
  'caseOverview',
  'pupils',
  'completeness',
  'statistics',
  'region',
  'messages',
  'messageSettings',
  'ladder',
  'import',
  'retention',
  'dataAccess',
  'users',
] as const;
/** One navigation item. */
export type NavItem = (typeof NAV_ITEMS)[number];

/** Route path of each navigation item. */
export const NAV_PATHS = {
  myLessons: '/',
  earlyWarning: '/early-warning',
  tasks: '/tasks',
  leaveRequests: '/leave-requests',
  messages: '/messages',
  messageSettings: '/messages/settings',
  cases: '/cases',
  notices: '/organiser/notices',
  caseOverview: '/organiser/cases',
  pupils: '/pupils',
  completeness: '/completeness',
  statistics: '/statistics',
  region: '/region',
  ladder: '/ladder',
  import: '/admin/import',
  retention: '/admin/retention',
  dataAccess: '/admin/data-access',
  users: '/admin/users',
} as const satisfies Record<NavItem, string>;

/** Adding a role breaks the build until it is given its pages here. */
const ROLE_NAV = {
  teacher: ['myLessons'],
  mentor: ['myLessons', 'earlyWarning', 'tasks', 'cases', 'leaveRequests', 'pupils'],
  principal: [
    'earlyWarning',
    'tasks',
    'cases',
    'leaveRequests',
    'pupils',
    'completeness',
    'statistics',
    'messages',
    'ladder',
  ],
  studentHealth: ['earlyWarning', 'tasks', 'cases', 'pupils', 'completeness', 'statistics', 'messages'],
  organiserAdmin: [
    'earlyWarning',
    'notices',
    'caseOverview',
    'completeness',
    'statistics',
    'messages',
    'messageSettings',
    'ladder',
    'retention',
    'dataAccess',
    'users',
  ],
  systemAdmin: ['import', 'retention', 'users'],
  region: ['region'],
} as const satisfies Record<Role, readonly NavItem[]>;

/** The guardian portal's pages (a guardian has no staff roles and never sees the staff navigation). */
export const GUARDIAN_NAV_ITEMS = ['children', 'report', 'reports', 'leave', 'messages'] as const;
/** One guardian portal page. */
export type GuardianNavItem = (typeof GUARDIAN_NAV_ITEMS)[number];
/** The portal's home, where a guardian lands after login. */
export const GUARDIAN_HOME = '/guardian';
/** Route path of each portal page. */
export const GUARDIAN_NAV_PATHS = {
  children: GUARDIAN_HOME,
  report: '/guardian/report',
  reports: '/guardian/reports',
  leave: '/guardian/leave',
  messages: '/guardian/messages',
} as const satisfies Record<GuardianNavItem, string>;

/** A guardian account (uses the portal, not the staff pages). */
export const isGuardian = (me: Me): boolean => me.kind === 'guardian';

/** The union of the user's roles' pages, in a fixed order (none for a guardian). */
export function navItemsFor(me: Me): NavItem[] {
  if (isGuardian(me)) return [];
  const granted = new Set<NavItem>(me.roles.flatMap((grant) => ROLE_NAV[grant.role as Role] ?? []));
  return NAV_ITEMS.filter((item) => granted.has(item));
}

/** Where "/" leads: the portal for guardians, the lesson list for teachers and mentors, else the user's first page. */
export function homePathFor(me: Me): string | null {
  if (isGuardian(me)) return GUARDIAN_HOME;
  const items = navItemsFor(me);
  if (items.length === 0 || items.includes('myLessons')) return null;
  return NAV_PATHS[items[0]];
}
