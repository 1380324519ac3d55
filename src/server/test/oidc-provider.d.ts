/** oidc-provider ships no types; the test identity provider uses a small part of it. */
declare module 'oidc-provider';
