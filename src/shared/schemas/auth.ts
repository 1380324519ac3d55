import { Type, type Static } from 'typebox';
import { ROLES } from '../roles.js';

export const LoginRequest = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 100 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});
export type LoginRequest = Static<typeof LoginRequest>;

export const RoleGrantSchema = Type.Object({
  role: Type.Enum(ROLES),
  schoolUnitId: Type.Union([Type.String(), Type.Null()]),
});

/** The signed-in user as the web app sees it. */
export const Me = Type.Object({
  userId: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  /** staff | guardian: a guardian has no roles and uses the guardian portal. */
  kind: Type.Union([Type.Literal('staff'), Type.Literal('guardian')]),
  locale: Type.String(),
  roles: Type.Array(RoleGrantSchema),
  /** Send as X-CSRF-Token on every state-changing request. */
  csrfToken: Type.String(),
  /** The server's idea of today (Europe/Stockholm), so demo and tests can fix the date. */
  today: Type.String(),
});
export type Me = Static<typeof Me>;
