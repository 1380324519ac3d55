/**
 * Närvaro rows → SS12000 v2.1 shapes (Attendance, Absence, AggregatedAttendance). The only way
 * out for the SS12000 routes. A pupil reference carries `securityMarking`; no SS12000 answer here
 * holds a name, address or any other location data of a pupil.
 */
import { createHash } from 'node:crypto';

/** SS12000 PersonReference. */
export interface PersonReference {
  id: string;
  securityMarking?: 'Ingen' | 'Sekretessmarkering' | 'Skyddad folkbokföring';
}

const SECURITY_MARKINGS = new Set(['Ingen', 'Sekretessmarkering', 'Skyddad folkbokföring']);

/** A pupil reference with the pupil's security marking (when it is one of the standard's values). */
export function personReference(id: string, securityMarking: string | undefined): PersonReference {
  return securityMarking && SECURITY_MARKINGS.has(securityMarking)
    ? { id, securityMarking: securityMarking as PersonReference['securityMarking'] }
    : { id };
}

/**
 * A stable uuid for a record Närvaro keeps as (lesson, pupil) rather than with its own id: the
 * same pair always gets the same id (name-based, in the style of RFC 4122 version 5).
 */
export function derivedUuid(namespace: string, ...parts: string[]): string {
  const hex = createHash('sha1')
    .update([namespace, ...parts].join('|'))
    .digest('hex')
    .slice(0, 32)
    .split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export const isoTime = (value: Date | string): string => new Date(value).toISOString();

export interface Ss12000Attendance {
  id: string;
  meta: { created: string; modified: string };
  calendarEvent: { id: string };
  student: PersonReference;
  reporter?: PersonReference;
  isReported: boolean;
  attendanceMinutes?: number;
  validAbsenceMinutes?: number;
  invalidAbsenceMinutes?: number;
  otherAttendanceMinutes?: number;
  absenceReason?: string;
  reportedTimestamp?: string;
}

export interface Ss12000Absence {
  id: string;
  meta: { created: string; modified: string };
  startTime: string;
  endTime: string;
  type: 'Beviljad ledighet' | 'Anmäld frånvaro';
  student: PersonReference;
  organisation?: { id: string };
  registeredBy?: PersonReference;
}

export interface Ss12000AggregatedAttendance {
  activity: { id: string };
  student: PersonReference;
  startDate: string;
  endDate: string;
  attendanceSum: number;
  validAbsenceSum: number;
  invalidAbsenceSum: number;
  otherAttendanceSum: number;
  reportedSum: number;
  offeredSum: number;
}

/** Närvaro absence kinds that are SS12000 Absence records. A staff-registered reason is not: it only makes registered absence valid. */
export const ABSENCE_TYPE_OF_KIND = { guardianReport: 'Anmäld frånvaro', leave: 'Beviljad ledighet' } as const;
export const KIND_OF_ABSENCE_TYPE = { 'Anmäld frånvaro': 'guardianReport', 'Beviljad ledighet': 'leave' } as const;
