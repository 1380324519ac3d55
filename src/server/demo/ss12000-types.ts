/**
 * The subset of SS12000 v2.1 record shapes the demo generator writes. Field names and enum values
 * follow components.schemas of the openapi file; only the fields the demo fills are declared.
 * These types are for the generator and its tests; the importer owns its own parsing.
 */

export interface Meta {
  created: string;
  modified: string;
}

/** ObjectReference (PersonReference adds an optional security marking). */
export interface Ref {
  id: string;
  securityMarking?: SecurityMarking;
}

export type SecurityMarking = 'Ingen' | 'Sekretessmarkering' | 'Skyddad folkbokföring';
export type SchoolType = 'FKLASS' | 'GR';

export interface Ss12000Organisation {
  id: string;
  meta: Meta;
  displayName: string;
  organisationType: 'Huvudman' | 'Skolenhet';
  organisationNumber?: string;
  organisationCode?: string;
  parentOrganisation?: Ref;
  schoolUnitCode?: string;
  schoolTypes?: SchoolType[];
  address?: {
    type: 'Besöksadress';
    streetAddress: string;
    postalCode: string;
    locality: string;
    municipalityCode: number;
    countyCode: number;
    country: string;
  };
  municipalityCode?: string;
  url?: string;
  email?: string;
  phoneNumber?: string;
  startDate?: string;
}

export interface Ss12000Address {
  type: 'Folkbokföring';
  streetAddress: string;
  postalCode: string;
  locality: string;
  municipalityCode: number;
  countyCode: number;
  country: string;
}

export interface Ss12000Enrolment {
  enroledAt: Ref;
  schoolYear: number;
  schoolType: SchoolType;
  startDate: string;
  endDate?: string;
}

export interface Ss12000Person {
  id: string;
  meta: Meta;
  givenName: string;
  familyName: string;
  civicNo: { value: string; nationality: 'SE' };
  birthDate: string;
  sex: 'Man' | 'Kvinna';
  securityMarking: SecurityMarking;
  personStatus: 'Aktiv';
  emails?: { value: string; type: 'Privat' | 'Skola personal' | 'Skola elev' }[];
  phoneNumbers?: { value: string; type: 'Hem' | 'Arbete'; mobile: boolean }[];
  addresses?: Ss12000Address[];
  enrolments?: Ss12000Enrolment[];
  responsibles?: { person: Ref; relationType: 'Vårdnadshavare' }[];
}

export interface Ss12000Group {
  id: string;
  meta: Meta;
  displayName: string;
  startDate: string;
  endDate?: string;
  groupType: 'Klass' | 'Personalgrupp';
  schoolType?: SchoolType;
  organisation: Ref;
  groupMemberships: { person: Ref; startDate: string; endDate?: string }[];
}

export interface Ss12000Duty {
  id: string;
  meta: Meta;
  person: Ref;
  dutyAt: Ref;
  dutyRole: 'Lärare' | 'Rektor' | 'Kurator' | 'Skolsköterska';
  signature: string;
  dutyPercent: number;
  startDate: string;
  assignmentRole?: { assignmentRoleType: 'Mentor'; group: Ref; startDate: string; endDate?: string }[];
}

export interface Ss12000Activity {
  id: string;
  meta: Meta;
  displayName: string;
  calendarEventsRequired: boolean;
  startDate: string;
  endDate: string;
  activityType: 'Undervisning' | 'Läraraktivitet';
  groups: Ref[];
  teachers: { duty: Ref; startDate: string }[];
  organisation: Ref;
}

export interface Ss12000CalendarEvent {
  id: string;
  meta: Meta;
  activity: Ref;
  startTime: string;
  endTime: string;
  cancelled: boolean;
  comment?: string;
  studentExceptions?: { student: Ref; participates: boolean }[];
}

export interface Ss12000Attendance {
  id: string;
  meta: Meta;
  calendarEvent: Ref;
  student: Ref;
  isReported: boolean;
  attendanceMinutes: number;
  validAbsenceMinutes: number;
  invalidAbsenceMinutes: number;
  otherAttendanceMinutes: number;
}

export interface Ss12000Absence {
  id: string;
  meta: Meta;
  startTime: string;
  endTime: string;
  type: 'Anmäld frånvaro' | 'Beviljad ledighet';
  student: Ref;
  organisation: Ref;
  registeredBy: Ref;
}
