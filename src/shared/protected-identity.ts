/**
 * SS12000 security markings that protect a person's identity (skyddad folkbokföring, sekretessmarkering):
 * the name may be shown, never location data, and guardians see no one else's protected children.
 */
export const PROTECTED_MARKINGS: ReadonlySet<string> = new Set(['Skyddad folkbokföring', 'Sekretessmarkering']);
