/** Which pages each role reaches from the main navigation. */
import type { Role } from '@shared/roles';
import type { Me } from '@shared/schemas/auth';

/** Navigation items in display order. */
export const NAV_ITEMS = ['myLessons', 'earlyWarning', 'tasks', 'pupils', 'completeness', 'statistics', 'region', 'ladder', 'import'] as const;
/** One navigation item. */
export type NavItem = (typeof NAV_ITEMS)[number];

/** Route path of each navigation item. */
export const NAV_PATHS = {
  myLessons: '/',
  earlyWarning: '/early-warning',
  tasks: '/tasks',
  pupils: '/pupils',
  completeness: '/completeness',
  statistics: '/statistics',
  region: '/region',
  ladder: '/ladder',
  import: '/admin/import',
} as const satisfies Record<NavItem, string>;

/** Adding a role breaks the build until it is given its pages here. */
const ROLE_NAV = {
  teacher: ['myLessons'],
  mentor: ['myLessons', 'earlyWarning', 'tasks', 'pupils'],
  principal: ['earlyWarning', 'tasks', 'pupils', 'completeness', 'statistics', 'ladder'],
  studentHealth: ['earlyWarning', 'tasks', 'pupils', 'completeness', 'statistics'],
  organiserAdmin: ['earlyWarning', 'completeness', 'statistics', 'ladder'],
  systemAdmin: ['import'],
  region: ['region'],
} as const satisfies Record<Role, readonly NavItem[]>;

/** The union of the user's roles' pages, in a fixed order. */
export function navItemsFor(me: Me): NavItem[] {
  const granted = new Set<NavItem>(me.roles.flatMap((grant) => ROLE_NAV[grant.role as Role] ?? []));
  return NAV_ITEMS.filter((item) => granted.has(item));
}

/** Where "/" leads: the lesson list for teachers and mentors, else the user's first page. */
export function homePathFor(me: Me): string | null {
  const items = navItemsFor(me);
  if (items.length === 0 || items.includes('myLessons')) return null;
  return NAV_PATHS[items[0]];
}
