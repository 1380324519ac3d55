/**
 * What a full export of an organiser contains: one definition per CSV file, each column with its
 * SQL expression and its description. The SELECT, the CSV header and README.txt are all made from
 * these lists, so the documentation and the data cannot drift apart.
 *
 * Protected identity (skyddad folkbokföring, sekretessmarkering): Närvaro exports no addresses or
 * civic numbers of anyone (they belong to the school platform), a pupil's home municipality is
 * left empty when the pupil is protected, and a message about a protected pupil is exported
 * without its recipient, address and text (the status and times remain). Case mapping content
 * (answers, the pupil's and guardians' views) is not exported: the organiser administrator does
 * not see it in Närvaro either; it is in the case PDF in the pupil's record.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface ExportColumn {
  name: string;
  /** SQL over the file's source (alias `t`). */
  expr: SQL;
  description: string;
}

export interface ExportFile {
  name: string;
  description: string;
  /** FROM clause with the alias `t`; `t.organiser_id` is filtered by the export. */
  from: SQL;
  orderBy: SQL;
  columns: ExportColumn[];
  /** Holds case data (ärenden): exported only with the explicit choice, under its warning. */
  isCaseData?: boolean;
}

const c = (name: string, expr: SQL | string, description: string): ExportColumn => ({
  name,
  expr: typeof expr === 'string' ? sql.raw(`t.${expr}`) : expr,
  description,
});
const id = (description: string) => c('id', 'id', description);
const at = (name: string, column: string, description: string) =>
  c(name, column, `${description} (tid, ISO 8601 UTC).`);
const user = (name: string, column: string, what: string) =>
  c(name, column, `Användar-id (users.csv) för den som ${what}.`);

/** A pupil with protected identity, for the person column `column` of `t`. */
const isProtected = (column: string) =>
  sql.raw(
    `exists (select 1 from persons p where p.organiser_id = t.organiser_id and p.id = t.${column} and p.security_marking <> 'Ingen')`,
  );

export const EXPORT_FILES: ExportFile[] = [
  {
    name: 'organisations.csv',
    description: 'Huvudmannen och skolenheterna (SS12000 Organisation).',
    from: sql`organisations t`,
    orderBy: sql`t.id`,
    columns: [
      id('SS12000-id.'),
      c('display_name', 'display_name', 'Namn.'),
      c('organisation_type', 'organisation_type', 'SS12000 organisationstyp (Huvudman, Skolenhet …).'),
      c('school_unit_code', 'school_unit_code', 'Skolenhetskod.'),
      c('parent_id', 'parent_id', 'Överordnat organisationselement.'),
      c('school_types', sql`t.school_types::text`, 'Skolformer (JSON-lista med SS12000-koder).'),
    ],
  },
  {
    name: 'persons.csv',
    description: 'Personer (elever, vårdnadshavare, personal) som Närvaro känner. Inga personnummer eller adresser.',
    from: sql`persons t`,
    orderBy: sql`t.id`,
    columns: [
      id('SS12000-id.'),
      c('given_name', 'given_name', 'Förnamn.'),
      c('family_name', 'family_name', 'Efternamn.'),
      c('birth_date', 'birth_date', 'Födelsedatum.'),
      c('sex', 'sex', 'Kön (SS12000).'),
      c(
        'security_marking',
        'security_marking',
        'Ingen, Sekretessmarkering eller Skyddad folkbokföring. Hantera raderna med annat än Ingen med särskild försiktighet.',
      ),
      c(
        'home_municipality_code',
        sql`case when t.security_marking = 'Ingen' then t.home_municipality_code end`,
        'Hemkommunens kod; tom för elever med skyddad identitet.',
      ),
      c('person_status', 'person_status', 'Aktiv, Utvandrad eller Avliden.'),
    ],
  },
  {
    name: 'users.csv',
    description: 'Konton i Närvaro (utan lösenord), så att *_user_id-kolumnerna kan tolkas.',
    from: sql`users t`,
    orderBy: sql`t.id`,
    columns: [
      id('Användar-id.'),
      c('username', 'username', 'Användarnamn.'),
      c('display_name', 'display_name', 'Visningsnamn.'),
      c('person_id', 'person_id', 'SS12000-person (persons.csv).'),
      c('kind', 'kind', 'staff (personal) eller guardian (vårdnadshavare).'),
      c('is_active', 'is_active', 'Kontot är aktivt (ja/nej).'),
      at('created_at', 'created_at', 'Skapat'),
    ],
  },
  {
    name: 'groups.csv',
    description: 'Grupper (klasser, undervisningsgrupper).',
    from: sql`groups t`,
    orderBy: sql`t.id`,
    columns: [
      id('SS12000-id.'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('display_name', 'display_name', 'Namn.'),
      c('group_type', 'group_type', 'SS12000 grupptyp.'),
      c('start_date', 'start_date', 'Från och med.'),
      c('end_date', 'end_date', 'Till och med (tom = tills vidare).'),
    ],
  },
  {
    name: 'group_memberships.csv',
    description: 'Gruppmedlemskap med datumintervall (avgör vilka lektioner en elev har).',
    from: sql`group_memberships t`,
    orderBy: sql`t.group_id, t.person_id, t.start_date`,
    columns: [
      c('group_id', 'group_id', 'Grupp.'),
      c('person_id', 'person_id', 'Person.'),
      c('start_date', 'start_date', 'Från och med.'),
      c('end_date', 'end_date', 'Till och med (tom = tills vidare).'),
    ],
  },
  {
    name: 'activities.csv',
    description: 'Aktiviteter (SS12000 Activity): vad som undervisas.',
    from: sql`activities t`,
    orderBy: sql`t.id`,
    columns: [
      id('SS12000-id.'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('display_name', 'display_name', 'Namn.'),
      c(
        'activity_type',
        'activity_type',
        'Aktivitetstyp; Undervisning, Elevaktivitet och Provaktivitet räknas som undervisningstid.',
      ),
    ],
  },
  {
    name: 'lessons.csv',
    description: 'Lektioner (SS12000 CalendarEvent) med kvittens.',
    from: sql`lessons t left join lesson_confirmations lc on lc.organiser_id = t.organiser_id and lc.lesson_id = t.id`,
    orderBy: sql`t.local_date, t.id`,
    columns: [
      id('SS12000-id.'),
      c('activity_id', 'activity_id', 'Aktivitet.'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('local_date', 'local_date', 'Datum (svensk tid).'),
      at('starts_at', 'starts_at', 'Start'),
      at('ends_at', 'ends_at', 'Slut'),
      c('teaching_minutes', 'teaching_minutes', 'Undervisningsminuter.'),
      c('is_cancelled', 'is_cancelled', 'Inställd (ja/nej).'),
      c('confirmed_at', sql`lc.confirmed_at`, 'När lektionen kvitterades (tom = inte registrerad).'),
      c('confirmed_by_user_id', sql`lc.confirmed_by_user_id`, 'Användar-id (users.csv) för den som kvitterade.'),
      c(
        'confirmation_source',
        sql`lc.source`,
        'narvaro (registrerad här) eller import (rapporterad SS12000 Attendance).',
      ),
    ],
  },
  {
    name: 'attendance_marks.csv',
    description:
      'Aktuell registrering per elev och lektion, bara det som inte är närvaro. En kvitterad lektion utan rad för eleven betyder närvarande.',
    from: sql`attendance_marks t`,
    orderBy: sql`t.lesson_id, t.person_id`,
    columns: [
      c('lesson_id', 'lesson_id', 'Lektion (lessons.csv).'),
      c('person_id', 'person_id', 'Elev.'),
      c(
        'kind',
        'kind',
        'absent (frånvarande), late (sen), left (gick tidigare), other (annan skolaktivitet), imported (SS12000 Attendance).',
      ),
      c('minutes', 'minutes', 'Minuter sen ankomst eller tidigare avgång.'),
      c(
        'imported_minutes',
        sql`t.imported_minutes::text`,
        'Importerade minuter (JSON: isReported, attended, valid, invalid, other).',
      ),
      c('reason_code', 'reason_code', 'Orsakskod.'),
      c('comment', 'comment', 'Kommentar.'),
      user('recorded_by_user_id', 'recorded_by_user_id', 'registrerade'),
      at('recorded_at', 'recorded_at', 'Registrerad'),
      c('external_id', 'external_id', 'SS12000 Attendance-id vid import.'),
    ],
  },
  {
    name: 'attendance_mark_history.csv',
    description: 'Rättelsehistorik: varje ändring av en registrering (före och efter).',
    from: sql`attendance_mark_history t`,
    orderBy: sql`t.id`,
    columns: [
      c('id', 'id', 'Löpnummer.'),
      c('lesson_id', 'lesson_id', 'Lektion.'),
      c('person_id', 'person_id', 'Elev.'),
      c('previous', sql`t.previous::text`, 'Tidigare registrering (JSON; tom = närvarande/ingen registrering).'),
      c('next', sql`t.next::text`, 'Ny registrering (JSON; tom = närvarande).'),
      user('changed_by_user_id', 'changed_by_user_id', 'ändrade'),
      at('changed_at', 'changed_at', 'Ändrad'),
      c('is_correction', 'is_correction', 'Rättelse av en redan kvitterad lektion (ja/nej).'),
    ],
  },
  {
    name: 'absences.csv',
    description: 'Frånvaroanmälningar, beviljad ledighet och giltiga skäl som personal registrerat, även återkallade.',
    from: sql`absences t`,
    orderBy: sql`t.starts_at, t.id`,
    columns: [
      id('Id.'),
      c('person_id', 'person_id', 'Elev.'),
      c('kind', 'kind', 'guardianReport (anmäld frånvaro), leave (beviljad ledighet), staffReason (giltigt skäl).'),
      c('reason_code', 'reason_code', 'Orsakskod.'),
      at('starts_at', 'starts_at', 'Från'),
      at('ends_at', 'ends_at', 'Till'),
      c('comment', 'comment', 'Kommentar.'),
      user('registered_by_user_id', 'registered_by_user_id', 'registrerade'),
      c('source', 'source', 'narvaro eller import.'),
      at('created_at', 'created_at', 'Registrerad'),
      at('withdrawn_at', 'withdrawn_at', 'Återkallad (tom = gäller)'),
    ],
  },
  {
    name: 'leave_requests.csv',
    description: 'Ledighetsansökningar från vårdnadshavare och besluten.',
    from: sql`leave_requests t`,
    orderBy: sql`t.from_date, t.id`,
    columns: [
      id('Id.'),
      c('pupil_id', 'pupil_id', 'Elev.'),
      c('requested_by_person_id', 'requested_by_person_id', 'Vårdnadshavaren som ansökte.'),
      c('from_date', 'from_date', 'Från och med.'),
      c('to_date', 'to_date', 'Till och med.'),
      c('reason', 'reason', 'Skäl enligt ansökan.'),
      c('school_days', 'school_days', 'Skoldagar som ansökan omfattar.'),
      c('decided_by_role', 'decided_by_role', 'Vem som beslutar (mentor eller rektor).'),
      c('status', 'status', 'pending, granted, rejected eller withdrawn.'),
      c('decision_reason', 'decision_reason', 'Motivering.'),
      user('decided_by_user_id', 'decided_by_user_id', 'beslutade'),
      at('decided_at', 'decided_at', 'Beslutad'),
      c('absence_id', 'absence_id', 'Ledigheten (absences.csv) vid bifall.'),
    ],
  },
  {
    name: 'ladder_versions.csv',
    description: 'Närvarotrappor: alla versioner med definition.',
    from: sql`ladder_versions t join ladders l on l.organiser_id = t.organiser_id and l.id = t.ladder_id`,
    orderBy: sql`t.ladder_id, t.version`,
    columns: [
      id('Versionens id.'),
      c('ladder_id', 'ladder_id', 'Trappa.'),
      c('ladder_name', sql`l.name`, 'Trappans namn.'),
      c('school_unit_id', sql`nullif(l.school_unit_key, '')`, 'Skolenhet (tom = hela huvudmannen).'),
      c('version', 'version', 'Versionsnummer.'),
      c('status', 'status', 'draft eller published.'),
      c('effective_from', 'effective_from', 'Gäller från.'),
      c('preset_id', 'preset_id', 'Förinställning den utgick från.'),
      c('definition', sql`t.definition::text`, 'Trappans definition (JSON).'),
      user('created_by_user_id', 'created_by_user_id', 'skapade'),
      at('created_at', 'created_at', 'Skapad'),
      at('published_at', 'published_at', 'Publicerad'),
    ],
  },
  {
    name: 'pupil_ladder_states.csv',
    description: 'Varje elevs nuvarande steg på trappan.',
    from: sql`pupil_ladder_states t`,
    orderBy: sql`t.person_id`,
    columns: [
      c('person_id', 'person_id', 'Elev.'),
      c('ladder_version_id', 'ladder_version_id', 'Trappversion.'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('evaluation_date', 'evaluation_date', 'Senast utvärderad.'),
      c('step_index', 'step_index', 'Steg (0 = inget steg).'),
      c('step_key', 'step_key', 'Stegets nyckel.'),
      c('since', 'since', 'På steget sedan.'),
      c('explanation', 'explanation', 'Förklaring.'),
      c('result', sql`t.result::text`, 'Utvärderingens värden (JSON).'),
    ],
  },
  {
    name: 'ladder_step_changes.csv',
    description: 'Historik över stegbyten.',
    from: sql`ladder_step_changes t`,
    orderBy: sql`t.id`,
    columns: [
      c('id', 'id', 'Löpnummer.'),
      c('person_id', 'person_id', 'Elev.'),
      c('ladder_version_id', 'ladder_version_id', 'Trappversion.'),
      c('date', 'date', 'Datum.'),
      c('from_step', 'from_step', 'Från steg.'),
      c('to_step', 'to_step', 'Till steg.'),
      c('by', 'by', 'Vem eller vad som flyttade (utvärdering eller personal).'),
      c('reason', 'reason', 'Skäl vid manuellt beslut.'),
      c('explanation', 'explanation', 'Förklaring.'),
      at('created_at', 'created_at', 'Skapad'),
    ],
  },
  {
    name: 'ladder_decisions.csv',
    description: 'Manuella stegbeslut av personal.',
    from: sql`ladder_decisions t`,
    orderBy: sql`t.date, t.id`,
    columns: [
      id('Id.'),
      c('person_id', 'person_id', 'Elev.'),
      c('date', 'date', 'Datum.'),
      c('step_index', 'step_index', 'Steg.'),
      c('reason', 'reason', 'Skäl.'),
      user('decided_by_user_id', 'decided_by_user_id', 'beslutade'),
      at('created_at', 'created_at', 'Skapad'),
    ],
  },
  {
    name: 'concern_flags.csv',
    description: 'Oro-flaggor.',
    from: sql`concern_flags t`,
    orderBy: sql`t.set_on, t.id`,
    columns: [
      id('Id.'),
      c('person_id', 'person_id', 'Elev.'),
      c('set_on', 'set_on', 'Satt.'),
      c('cleared_on', 'cleared_on', 'Borttagen.'),
      c('note', 'note', 'Anteckning.'),
      user('set_by_user_id', 'set_by_user_id', 'satte flaggan'),
    ],
  },
  {
    name: 'tasks.csv',
    description: 'Uppgifter från trappornas steg.',
    from: sql`tasks t`,
    orderBy: sql`t.created_at, t.id`,
    columns: [
      id('Id.'),
      c('person_id', 'person_id', 'Elev.'),
      c('ladder_version_id', 'ladder_version_id', 'Trappversion.'),
      c('step_key', 'step_key', 'Steg.'),
      c('role', 'role', 'Ansvarig roll.'),
      user('assignee_user_id', 'assignee_user_id', 'har uppgiften'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('title', 'title', 'Uppgift.'),
      c('due_date', 'due_date', 'Senast.'),
      c('status', 'status', 'open eller done.'),
      at('done_at', 'done_at', 'Klar'),
      user('done_by_user_id', 'done_by_user_id', 'gjorde klart'),
      c('done_note', 'done_note', 'Anteckning.'),
      at('created_at', 'created_at', 'Skapad'),
    ],
  },
  {
    name: 'cases.csv',
    description: 'Ärenden (en frånvaroperiod per elev).',
    isCaseData: true,
    from: sql`cases t`,
    orderBy: sql`t.opened_at, t.id`,
    columns: [
      id('Id.'),
      c('pupil_id', 'pupil_id', 'Elev.'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('status', 'status', 'open eller closed.'),
      c('opened_on', 'opened_on', 'Öppnat.'),
      user('opened_by_user_id', 'opened_by_user_id', 'öppnade'),
      c('opened_from_step_key', 'opened_from_step_key', 'Trappsteg som öppnade ärendet.'),
      at('closed_at', 'closed_at', 'Avslutat'),
      c('close_reason', 'close_reason', 'Skäl.'),
      c('close_outcome', 'close_outcome', 'Utfall.'),
    ],
  },
  {
    name: 'case_members.csv',
    description: 'Ärendets deltagare.',
    isCaseData: true,
    from: sql`case_members t`,
    orderBy: sql`t.case_id, t.user_id`,
    columns: [
      c('case_id', 'case_id', 'Ärende.'),
      user('user_id', 'user_id', 'deltar'),
      c('role', 'role', 'Roll i ärendet.'),
      at('added_at', 'added_at', 'Tillagd'),
    ],
  },
  {
    name: 'case_mappings.csv',
    description: 'Kartläggningar (bara uppgifter om dem; innehållet finns i ärendets PDF i elevakten).',
    isCaseData: true,
    from: sql`case_mappings t`,
    orderBy: sql`t.case_id, t.id`,
    columns: [
      id('Id.'),
      c('case_id', 'case_id', 'Ärende.'),
      c('kind', 'kind', 'Enkel eller fördjupad.'),
      c('template_key', 'template_key', 'Mall.'),
      c('template_version', 'template_version', 'Mallversion.'),
      c('has_pupil_voice', sql`t.pupil_voice is not null and t.pupil_voice <> ''`, 'Elevens egen röst finns (ja/nej).'),
      user('created_by_user_id', 'created_by_user_id', 'skapade'),
      at('completed_at', 'completed_at', 'Klar'),
    ],
  },
  {
    name: 'case_investigations.csv',
    description: 'Utredningar (7 kap. 19 a § skollagen).',
    isCaseData: true,
    from: sql`case_investigations t`,
    orderBy: sql`t.opened_on, t.id`,
    columns: [
      id('Id.'),
      c('case_id', 'case_id', 'Ärende.'),
      c('opened_on', 'opened_on', 'Inledd.'),
      c('deadline', 'deadline', 'Ska vara klar.'),
      c('completed_on', 'completed_on', 'Klar.'),
      c('conclusion', 'conclusion', 'Slutsats.'),
    ],
  },
  {
    name: 'case_causes.csv',
    description: 'Orsaker.',
    isCaseData: true,
    from: sql`case_causes t`,
    orderBy: sql`t.case_id, t.code`,
    columns: [
      c('case_id', 'case_id', 'Ärende.'),
      c('code', 'code', 'Orsakskod.'),
      c('is_primary', 'is_primary', 'Huvudorsak (ja/nej).'),
      c('given_by', 'given_by', 'Vem som angav orsaken.'),
      c('comment', 'comment', 'Kommentar.'),
    ],
  },
  {
    name: 'case_interventions.csv',
    description: 'Åtgärder i handlingsplanen.',
    isCaseData: true,
    from: sql`case_interventions t`,
    orderBy: sql`t.case_id, t.start_date, t.id`,
    columns: [
      id('Id.'),
      c('case_id', 'case_id', 'Ärende.'),
      c('code', 'code', 'Åtgärdskod.'),
      user('responsible_user_id', 'responsible_user_id', 'ansvarar'),
      c('start_date', 'start_date', 'Start.'),
      c('end_date', 'end_date', 'Slut.'),
      c('follow_up_scheme', 'follow_up_scheme', 'Uppföljningsplan.'),
      c('comment', 'comment', 'Kommentar.'),
    ],
  },
  {
    name: 'case_follow_ups.csv',
    description: 'Uppföljningar med beräknade värden före och efter.',
    isCaseData: true,
    from: sql`case_follow_ups t`,
    orderBy: sql`t.case_id, t.planned_on, t.id`,
    columns: [
      id('Id.'),
      c('case_id', 'case_id', 'Ärende.'),
      c('intervention_id', 'intervention_id', 'Åtgärd.'),
      c('point', 'point', 'Uppföljningspunkt.'),
      c('planned_on', 'planned_on', 'Planerad.'),
      c('recorded_on', 'recorded_on', 'Gjord.'),
      c('assessment', 'assessment', 'Bedömning.'),
      c('goal_attainment', 'goal_attainment', 'Måluppfyllelse.'),
      c('before', sql`t.before::text`, 'Frånvaro före (JSON med period).'),
      c('since', sql`t.since::text`, 'Frånvaro sedan start (JSON med period).'),
    ],
  },
  {
    name: 'case_concern_reports.csv',
    description: 'Orosanmälningar till socialtjänsten.',
    isCaseData: true,
    from: sql`case_concern_reports t`,
    orderBy: sql`t.reported_on, t.id`,
    columns: [
      id('Id.'),
      c('case_id', 'case_id', 'Ärende.'),
      c('reported_on', 'reported_on', 'Anmäld.'),
      c('social_services_office', 'social_services_office', 'Socialkontor.'),
      c('reason_category', 'reason_category', 'Skälkategori.'),
      c('actions_taken', 'actions_taken', 'Vidtagna åtgärder.'),
      c('feedback_on', 'feedback_on', 'Återkoppling.'),
      c('feedback_kind', 'feedback_kind', 'Typ av återkoppling.'),
    ],
  },
  {
    name: 'case_meetings.csv',
    description: 'Samverkansmöten (SIP m.fl.).',
    isCaseData: true,
    from: sql`case_meetings t`,
    orderBy: sql`t.held_on, t.id`,
    columns: [
      id('Id.'),
      c('case_id', 'case_id', 'Ärende.'),
      c('kind', 'kind', 'Mötestyp.'),
      c('held_on', 'held_on', 'Datum.'),
      c('participants', sql`t.participants::text`, 'Deltagare (JSON).'),
      c('shared_plan', 'shared_plan', 'Gemensam plan.'),
    ],
  },
  {
    name: 'case_handovers.csv',
    description: 'Överlämningar till mottagande skola (3 kap. 12 j §).',
    isCaseData: true,
    from: sql`case_handovers t`,
    orderBy: sql`t.prepared_on, t.id`,
    columns: [
      id('Id.'),
      c('case_id', 'case_id', 'Ärende.'),
      c('pupil_id', 'pupil_id', 'Elev.'),
      c('from_school_unit_id', 'from_school_unit_id', 'Från skolenhet.'),
      c('to_school_unit_id', 'to_school_unit_id', 'Till skolenhet.'),
      c('summary', 'summary', 'Sammanfattning.'),
      c('prepared_on', 'prepared_on', 'Förberedd.'),
    ],
  },
  {
    name: 'organiser_notices.csv',
    description: 'Meddelanden till huvudmannen (inkorgen).',
    isCaseData: true,
    from: sql`organiser_notices t`,
    orderBy: sql`t.id`,
    columns: [
      id('Id.'),
      c('kind', 'kind', 'Typ.'),
      c('recipient', 'recipient', 'Mottagare.'),
      c(
        'municipality_code',
        sql`case when ${isProtected('pupil_id')} then 'skyddad' else t.municipality_code end`,
        'Hemkommun; "skyddad" för elev med skyddad identitet.',
      ),
      c('case_id', 'case_id', 'Ärende.'),
      c('pupil_id', 'pupil_id', 'Elev.'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('status', 'status', 'Status.'),
      at('acknowledged_at', 'acknowledged_at', 'Kvitterat'),
    ],
  },
  {
    name: 'messages.csv',
    description: 'Meddelanden i utkorgen (till vårdnadshavare och huvudman).',
    from: sql`outbox t`,
    orderBy: sql`t.created_at, t.id`,
    columns: [
      id('Id.'),
      c('kind', 'kind', 'Typ (t.ex. sameDayNotice, monthlyNotice, ladder, organiserNotice).'),
      c('person_id', 'person_id', 'Eleven meddelandet gäller.'),
      c('template_key', 'template_key', 'Mall.'),
      c('status', 'status', 'Status.'),
      c('about_date', 'about_date', 'Dagen meddelandet gäller.'),
      at('created_at', 'created_at', 'Skapat'),
      at('send_after', 'send_after', 'Skickas tidigast'),
      at('withdrawn_at', 'withdrawn_at', 'Återkallat'),
      at('processed_at', 'processed_at', 'Behandlat'),
    ],
  },
  {
    name: 'message_deliveries.csv',
    description:
      'Utskick per mottagare och kanal. För meddelanden om en elev med skyddad identitet lämnas mottagare, adress och text tomma.',
    from: sql`message_deliveries t join outbox o on o.organiser_id = t.organiser_id and o.id = t.outbox_id`,
    orderBy: sql`t.outbox_id, t.id`,
    columns: [
      id('Id.'),
      c('message_id', 'outbox_id', 'Meddelande (messages.csv).'),
      c(
        'recipient_person_id',
        sql`case when ${isProtectedOutbox()} then null else t.recipient_person_id end`,
        'Mottagare (vårdnadshavare).',
      ),
      c('channel', 'channel', 'email, sms eller inApp.'),
      c(
        'address',
        sql`case when ${isProtectedOutbox()} then null else t.address end`,
        'E-postadress eller telefonnummer.',
      ),
      c('locale', 'locale', 'Språk.'),
      c('subject', sql`case when ${isProtectedOutbox()} then null else t.subject end`, 'Ämnesrad.'),
      c('body', sql`case when ${isProtectedOutbox()} then null else t.body end`, 'Text.'),
      c('status', 'status', 'queued, sent, failed eller delivered.'),
      c('attempts', 'attempts', 'Försök.'),
      c('last_error', 'last_error', 'Senaste fel.'),
      at('sent_at', 'sent_at', 'Skickat'),
      at('delivered_at', 'delivered_at', 'Levererat'),
    ],
  },
  {
    name: 'pupil_days.csv',
    description:
      'Statistikens grund: frånvaromåtten per elev och skoldag i minuter (docs/domain/measures.md), som all statistik summerar.',
    from: sql`pupil_days t`,
    orderBy: sql`t.person_id, t.date`,
    columns: [
      c('person_id', 'person_id', 'Elev.'),
      c('date', 'date', 'Datum.'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('scheduled', 'scheduled', 'Schemalagda minuter.'),
      c('known', 'known', 'Kända minuter (= attended + valid + invalid + other).'),
      c('attended', 'attended', 'Närvaro.'),
      c('valid', 'valid', 'Giltig frånvaro.'),
      c('invalid', 'invalid', 'Ogiltig frånvaro.'),
      c('other', 'other', 'Annan skolaktivitet.'),
      c('late_count', 'late_count', 'Antal sena ankomster.'),
      c('late_minutes', 'late_minutes', 'Minuter sen ankomst.'),
      c('is_absent_day', 'is_absent_day', 'Hel frånvarodag (ja/nej).'),
      c('has_absence', 'has_absence', 'Frånvarotillfälle (ja/nej).'),
    ],
  },
  {
    name: 'unit_months.csv',
    description: 'Statistik per skolenhet och månad (summor av pupil_days).',
    from: sql`unit_months t`,
    orderBy: sql`t.month, t.school_unit_id`,
    columns: [
      c('month', 'month', 'Månad (ÅÅÅÅ-MM).'),
      c('school_unit_id', 'school_unit_id', 'Skolenhet.'),
      c('pupils', 'pupils', 'Elever.'),
      c('scheduled', 'scheduled', 'Schemalagda minuter.'),
      c('known', 'known', 'Kända minuter.'),
      c('attended', 'attended', 'Närvaro.'),
      c('valid', 'valid', 'Giltig frånvaro.'),
      c('invalid', 'invalid', 'Ogiltig frånvaro.'),
      c('other', 'other', 'Annan skolaktivitet.'),
    ],
  },
];

/** The message's pupil has protected identity (for the delivery row `t` joined to its outbox row `o`). */
function isProtectedOutbox(): SQL {
  return sql`exists (select 1 from persons p where p.organiser_id = o.organiser_id and p.id = o.person_id and p.security_marking <> 'Ingen')`;
}

/** README.txt: every file and every column, from the same definitions as the data. */
export function exportReadme(
  files: readonly ExportFile[],
  meta: { organiserName: string; createdAt: string; counts: Record<string, number> },
): string {
  const lines = [
    `Närvaro – fullständig export för ${meta.organiserName}`,
    `Skapad ${meta.createdAt}.`,
    '',
    'Filerna är CSV i UTF-8 med BOM, semikolon som avgränsare och en rubrikrad; de öppnas direkt i svenskt Excel.',
    'Tider är ISO 8601 i UTC, datum ÅÅÅÅ-MM-DD (svensk tid), ja/nej för sant/falskt, JSON där det anges. Tom cell = inget värde.',
    'Id:n är SS12000-id:n där sådana finns, så raderna kan kopplas till skolplattformen.',
    'Skyddad identitet: inga adresser eller personnummer exporteras för någon; elevers hemkommun är tom vid skyddad identitet;',
    'utskick som gäller en elev med skyddad identitet saknar mottagare, adress och text. Innehåller ärendedata: hantera filen som sekretessbelagd.',
    '',
  ];
  for (const file of files) {
    lines.push(`${file.name} (${meta.counts[file.name] ?? 0} rader)`, `  ${file.description}`);
    for (const column of file.columns) lines.push(`  - ${column.name}: ${column.description}`);
    lines.push('');
  }
  return lines.join('\r\n');
}
