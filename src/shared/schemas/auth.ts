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

/**
 * What the signed-in user may do, decided on the server from the policies: the web app only chooses
 * which pages, scopes and buttons to offer from it (the server checks every request again).
 */
export const Abilities = Type.Object({
  /** Run the ladder evaluation now (rektor, elevhälsa, huvudman). */
  canEvaluateLadders: Type.Boolean(),
  /** Choose and publish ladders (rektor for own units, huvudman). */
  canManageLadders: Type.Boolean(),
  /** Early-warning scopes in tab order: Mina elever, Skolan, Huvudman. */
  earlyWarningScopes: Type.Array(Type.Union([Type.Literal('mine'), Type.Literal('school'), Type.Literal('organiser')])),
  /** The cases list the user lands on. */
  defaultCaseScope: Type.Union([Type.Literal('mine'), Type.Literal('school')]),
});
export type Abilities = Static<typeof Abilities>;

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
  abilities: Abilities,
  /** After logout, send the browser here to end the identity provider's session too (RP-initiated logout). */
  endSessionUrl: Type.Optional(Type.String()),
});
export type Me = Static<typeof Me>;

/** Which sign-in methods the login page offers. */
export const SignInMethods = Type.Object({
  /** "Logga in med skolkonto" → GET /api/auth/oidc/staff/login */
  staff: Type.Boolean(),
  /** "Logga in med e-legitimation" → GET /api/auth/oidc/guardian/login */
  guardian: Type.Boolean(),
});
export type SignInMethods = Static<typeof SignInMethods>;

/** How many of the user's other sessions were ended. */
export const SessionsEnded = Type.Object({ ended: Type.Integer() });
