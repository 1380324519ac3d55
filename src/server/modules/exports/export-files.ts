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

/** A column computed by `expr`, or taken from another column of `t` than its name. */
const c = (name: string, expr: SQL | string, description: string): ExportColumn => ({
  name,
  expr: typeof expr === 'string' ? sql.raw(`t.${expr}`) : expr,
  description,
});
/** The column `t.<name>` under its own name: most columns. */
const col = (name: string, description: string) => c(name, name, description);
/** A jsonb column as its JSON text. */
const json = (name: string, description: string) => c(name, sql.raw(`t.${name}::text`), description);
const id = (description: string) => col('id', description);
const at = (name: string, description: string) => col(name, `${description} (tid, ISO 8601 UTC).`);
const user = (name: string, what: string) => col(name, `Användar-id (users.csv) för den som ${what}.`);

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
      col('display_name', 'Namn.'),
      col('organisation_type', 'SS12000 organisationstyp (Huvudman, Skolenhet …).'),
      col('school_unit_code', 'Skolenhetskod.'),
      col('parent_id', 'Överordnat organisationselement.'),
      json('school_types', 'Skolformer (JSON-lista med SS12000-koder).'),
    ],
  },
  {
    name: 'persons.csv',
    description: 'Personer (elever, vårdnadshavare, personal) som Närvaro känner. Inga personnummer eller adresser.',
    from: sql`persons t`,
    orderBy: sql`t.id`,
    columns: [
      id('SS12000-id.'),
      col('given_name', 'Förnamn.'),
      col('family_name', 'Efternamn.'),
      col('birth_date', 'Födelsedatum.'),
      col('sex', 'Kön (SS12000).'),
      col(
        'security_marking',
        'Ingen, Sekretessmarkering eller Skyddad folkbokföring. Hantera raderna med annat än Ingen med särskild försiktighet.',
      ),
      c(
        'home_municipality_code',
        sql`case when t.security_marking = 'Ingen' then t.home_municipality_code end`,
        'Hemkommunens kod; tom för elever med skyddad identitet.',
      ),
      col('person_status', 'Aktiv, Utvandrad eller Avliden.'),
    ],
  },
  {
    name: 'users.csv',
    description: 'Konton i Närvaro (utan lösenord), så att *_user_id-kolumnerna kan tolkas.',
    from: sql`users t`,
    orderBy: sql`t.id`,
    columns: [
      id('Användar-id.'),
      col('username', 'Användarnamn.'),
      col('display_name', 'Visningsnamn.'),
      col('person_id', 'SS12000-person (persons.csv).'),
      col('kind', 'staff (personal) eller guardian (vårdnadshavare).'),
      col('is_active', 'Kontot är aktivt (ja/nej).'),
      at('created_at', 'Skapat'),
    ],
  },
  {
    name: 'groups.csv',
    description: 'Grupper (klasser, undervisningsgrupper).',
    from: sql`groups t`,
    orderBy: sql`t.id`,
    columns: [
      id('SS12000-id.'),
      col('school_unit_id', 'Skolenhet.'),
      col('display_name', 'Namn.'),
      col('group_type', 'SS12000 grupptyp.'),
      col('start_date', 'Från och med.'),
      col('end_date', 'Till och med (tom = tills vidare).'),
    ],
  },
  {
    name: 'group_memberships.csv',
    description: 'Gruppmedlemskap med datumintervall (avgör vilka lektioner en elev har).',
    from: sql`group_memberships t`,
    orderBy: sql`t.group_id, t.person_id, t.start_date`,
    columns: [
      col('group_id', 'Grupp.'),
      col('person_id', 'Person.'),
      col('start_date', 'Från och med.'),
      col('end_date', 'Till och med (tom = tills vidare).'),
    ],
  },
  {
    name: 'activities.csv',
    description: 'Aktiviteter (SS12000 Activity): vad som undervisas.',
    from: sql`activities t`,
    orderBy: sql`t.id`,
    columns: [
      id('SS12000-id.'),
      col('school_unit_id', 'Skolenhet.'),
      col('display_name', 'Namn.'),
      col('activity_type', 'Aktivitetstyp; Undervisning, Elevaktivitet och Provaktivitet räknas som undervisningstid.'),
    ],
  },
  {
    name: 'lessons.csv',
    description: 'Lektioner (SS12000 CalendarEvent) med kvittens.',
    from: sql`lessons t left join lesson_confirmations lc on lc.organiser_id = t.organiser_id and lc.lesson_id = t.id`,
    orderBy: sql`t.local_date, t.id`,
    columns: [
      id('SS12000-id.'),
      col('activity_id', 'Aktivitet.'),
      col('school_unit_id', 'Skolenhet.'),
      col('local_date', 'Datum (svensk tid).'),
      at('starts_at', 'Start'),
      at('ends_at', 'Slut'),
      col('teaching_minutes', 'Undervisningsminuter.'),
      col('is_cancelled', 'Inställd (ja/nej).'),
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
      col('lesson_id', 'Lektion (lessons.csv).'),
      col('person_id', 'Elev.'),
      col(
        'kind',
        'absent (frånvarande), late (sen), left (gick tidigare), other (annan skolaktivitet), imported (SS12000 Attendance).',
      ),
      col('minutes', 'Minuter sen ankomst eller tidigare avgång.'),
      json('imported_minutes', 'Importerade minuter (JSON: isReported, attended, valid, invalid, other).'),
      col('reason_code', 'Orsakskod.'),
      col('comment', 'Kommentar.'),
      user('recorded_by_user_id', 'registrerade'),
      at('recorded_at', 'Registrerad'),
      col('external_id', 'SS12000 Attendance-id vid import.'),
    ],
  },
  {
    name: 'attendance_mark_history.csv',
    description: 'Rättelsehistorik: varje ändring av en registrering (före och efter).',
    from: sql`attendance_mark_history t`,
    orderBy: sql`t.id`,
    columns: [
      col('id', 'Löpnummer.'),
      col('lesson_id', 'Lektion.'),
      col('person_id', 'Elev.'),
      json('previous', 'Tidigare registrering (JSON; tom = närvarande/ingen registrering).'),
      json('next', 'Ny registrering (JSON; tom = närvarande).'),
      user('changed_by_user_id', 'ändrade'),
      at('changed_at', 'Ändrad'),
      col('is_correction', 'Rättelse av en redan kvitterad lektion (ja/nej).'),
    ],
  },
  {
    name: 'absences.csv',
    description: 'Frånvaroanmälningar, beviljad ledighet och giltiga skäl som personal registrerat, även återkallade.',
    from: sql`absences t`,
    orderBy: sql`t.starts_at, t.id`,
    columns: [
      id('Id.'),
      col('person_id', 'Elev.'),
      col('kind', 'guardianReport (anmäld frånvaro), leave (beviljad ledighet), staffReason (giltigt skäl).'),
      col('reason_code', 'Orsakskod.'),
      at('starts_at', 'Från'),
      at('ends_at', 'Till'),
      col('comment', 'Kommentar.'),
      user('registered_by_user_id', 'registrerade'),
      col('source', 'narvaro eller import.'),
      at('created_at', 'Registrerad'),
      at('withdrawn_at', 'Återkallad (tom = gäller)'),
    ],
  },
  {
    name: 'leave_requests.csv',
    description: 'Ledighetsansökningar från vårdnadshavare och besluten.',
    from: sql`leave_requests t`,
    orderBy: sql`t.from_date, t.id`,
    columns: [
      id('Id.'),
      col('pupil_id', 'Elev.'),
      col('requested_by_person_id', 'Vårdnadshavaren som ansökte.'),
      col('from_date', 'Från och med.'),
      col('to_date', 'Till och med.'),
      col('reason', 'Skäl enligt ansökan.'),
      col('school_days', 'Skoldagar som ansökan omfattar.'),
      col('decided_by_role', 'Vem som beslutar (mentor eller rektor).'),
      col('status', 'pending, granted, rejected eller withdrawn.'),
      col('decision_reason', 'Motivering.'),
      user('decided_by_user_id', 'beslutade'),
      at('decided_at', 'Beslutad'),
      col('absence_id', 'Ledigheten (absences.csv) vid bifall.'),
    ],
  },
  {
    name: 'ladder_versions.csv',
    description: 'Närvarotrappor: alla versioner med definition.',
    from: sql`ladder_versions t join ladders l on l.organiser_id = t.organiser_id and l.id = t.ladder_id`,
    orderBy: sql`t.ladder_id, t.version`,
    columns: [
      id('Versionens id.'),
      col('ladder_id', 'Trappa.'),
      c('ladder_name', sql`l.name`, 'Trappans namn.'),
      c('school_unit_id', sql`nullif(l.school_unit_key, '')`, 'Skolenhet (tom = hela huvudmannen).'),
      col('version', 'Versionsnummer.'),
      col('status', 'draft eller published.'),
      col('effective_from', 'Gäller från.'),
      col('preset_id', 'Förinställning den utgick från.'),
      json('definition', 'Trappans definition (JSON).'),
      user('created_by_user_id', 'skapade'),
      at('created_at', 'Skapad'),
      at('published_at', 'Publicerad'),
    ],
  },
  {
    name: 'pupil_ladder_states.csv',
    description: 'Varje elevs nuvarande steg på trappan.',
    from: sql`pupil_ladder_states t`,
    orderBy: sql`t.person_id`,
    columns: [
      col('person_id', 'Elev.'),
      col('ladder_version_id', 'Trappversion.'),
      col('school_unit_id', 'Skolenhet.'),
      col('evaluation_date', 'Senast utvärderad.'),
      col('step_index', 'Steg (0 = inget steg).'),
      col('step_key', 'Stegets nyckel.'),
      col('since', 'På steget sedan.'),
      col('explanation', 'Förklaring.'),
      json('result', 'Utvärderingens värden (JSON).'),
    ],
  },
  {
    name: 'ladder_step_changes.csv',
    description: 'Historik över stegbyten.',
    from: sql`ladder_step_changes t`,
    orderBy: sql`t.id`,
    columns: [
      col('id', 'Löpnummer.'),
      col('person_id', 'Elev.'),
      col('ladder_version_id', 'Trappversion.'),
      col('date', 'Datum.'),
      col('from_step', 'Från steg.'),
      col('to_step', 'Till steg.'),
      col('by', 'Vem eller vad som flyttade (utvärdering eller personal).'),
      col('reason', 'Skäl vid manuellt beslut.'),
      col('explanation', 'Förklaring.'),
      at('created_at', 'Skapad'),
    ],
  },
  {
    name: 'ladder_decisions.csv',
    description: 'Manuella stegbeslut av personal.',
    from: sql`ladder_decisions t`,
    orderBy: sql`t.date, t.id`,
    columns: [
      id('Id.'),
      col('person_id', 'Elev.'),
      col('date', 'Datum.'),
      col('step_index', 'Steg.'),
      col('reason', 'Skäl.'),
      user('decided_by_user_id', 'beslutade'),
      at('created_at', 'Skapad'),
    ],
  },
  {
    name: 'concern_flags.csv',
    description: 'Oro-flaggor.',
    from: sql`concern_flags t`,
    orderBy: sql`t.set_on, t.id`,
    columns: [
      id('Id.'),
      col('person_id', 'Elev.'),
      col('set_on', 'Satt.'),
      col('cleared_on', 'Borttagen.'),
      col('note', 'Anteckning.'),
      user('set_by_user_id', 'satte flaggan'),
    ],
  },
  {
    name: 'tasks.csv',
    description: 'Uppgifter från trappornas steg.',
    from: sql`tasks t`,
    orderBy: sql`t.created_at, t.id`,
    columns: [
      id('Id.'),
      col('person_id', 'Elev.'),
      col('ladder_version_id', 'Trappversion.'),
      col('step_key', 'Steg.'),
      col('role', 'Ansvarig roll.'),
      user('assignee_user_id', 'har uppgiften'),
      col('school_unit_id', 'Skolenhet.'),
      col('title', 'Uppgift.'),
      col('due_date', 'Senast.'),
      col('status', 'open eller done.'),
      at('done_at', 'Klar'),
      user('done_by_user_id', 'gjorde klart'),
      col('done_note', 'Anteckning.'),
      at('created_at', 'Skapad'),
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
      col('pupil_id', 'Elev.'),
      col('school_unit_id', 'Skolenhet.'),
      col('status', 'open eller closed.'),
      col('opened_on', 'Öppnat.'),
      user('opened_by_user_id', 'öppnade'),
      col('opened_from_step_key', 'Trappsteg som öppnade ärendet.'),
      at('closed_at', 'Avslutat'),
      col('close_reason', 'Skäl.'),
      col('close_outcome', 'Utfall.'),
    ],
  },
  {
    name: 'case_members.csv',
    description: 'Ärendets deltagare.',
    isCaseData: true,
    from: sql`case_members t`,
    orderBy: sql`t.case_id, t.user_id`,
    columns: [
      col('case_id', 'Ärende.'),
      user('user_id', 'deltar'),
      col('role', 'Roll i ärendet.'),
      at('added_at', 'Tillagd'),
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
      col('case_id', 'Ärende.'),
      col('kind', 'Enkel eller fördjupad.'),
      col('template_key', 'Mall.'),
      col('template_version', 'Mallversion.'),
      c('has_pupil_voice', sql`t.pupil_voice is not null and t.pupil_voice <> ''`, 'Elevens egen röst finns (ja/nej).'),
      user('created_by_user_id', 'skapade'),
      at('completed_at', 'Klar'),
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
      col('case_id', 'Ärende.'),
      col('opened_on', 'Inledd.'),
      col('deadline', 'Ska vara klar.'),
      col('completed_on', 'Klar.'),
      col('conclusion', 'Slutsats.'),
    ],
  },
  {
    name: 'case_causes.csv',
    description: 'Orsaker.',
    isCaseData: true,
    from: sql`case_causes t`,
    orderBy: sql`t.case_id, t.code`,
    columns: [
      col('case_id', 'Ärende.'),
      col('code', 'Orsakskod.'),
      col('is_primary', 'Huvudorsak (ja/nej).'),
      col('given_by', 'Vem som angav orsaken.'),
      col('comment', 'Kommentar.'),
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
      col('case_id', 'Ärende.'),
      col('code', 'Åtgärdskod.'),
      user('responsible_user_id', 'ansvarar'),
      col('start_date', 'Start.'),
      col('end_date', 'Slut.'),
      col('follow_up_scheme', 'Uppföljningsplan.'),
      col('comment', 'Kommentar.'),
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
      col('case_id', 'Ärende.'),
      col('intervention_id', 'Åtgärd.'),
      col('point', 'Uppföljningspunkt.'),
      col('planned_on', 'Planerad.'),
      col('recorded_on', 'Gjord.'),
      col('assessment', 'Bedömning.'),
      col('goal_attainment', 'Måluppfyllelse.'),
      json('before', 'Frånvaro före (JSON med period).'),
      json('since', 'Frånvaro sedan start (JSON med period).'),
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
      col('case_id', 'Ärende.'),
      col('reported_on', 'Anmäld.'),
      col('social_services_office', 'Socialkontor.'),
      col('reason_category', 'Skälkategori.'),
      col('actions_taken', 'Vidtagna åtgärder.'),
      col('feedback_on', 'Återkoppling.'),
      col('feedback_kind', 'Typ av återkoppling.'),
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
      col('case_id', 'Ärende.'),
      col('kind', 'Mötestyp.'),
      col('held_on', 'Datum.'),
      json('participants', 'Deltagare (JSON).'),
      col('shared_plan', 'Gemensam plan.'),
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
      col('case_id', 'Ärende.'),
      col('pupil_id', 'Elev.'),
      col('from_school_unit_id', 'Från skolenhet.'),
      col('to_school_unit_id', 'Till skolenhet.'),
      col('summary', 'Sammanfattning.'),
      col('prepared_on', 'Förberedd.'),
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
      col('kind', 'Typ.'),
      col('recipient', 'Mottagare.'),
      c(
        'municipality_code',
        sql`case when ${isProtected('pupil_id')} then 'skyddad' else t.municipality_code end`,
        'Hemkommun; "skyddad" för elev med skyddad identitet.',
      ),
      col('case_id', 'Ärende.'),
      col('pupil_id', 'Elev.'),
      col('school_unit_id', 'Skolenhet.'),
      col('status', 'Status.'),
      at('acknowledged_at', 'Kvitterat'),
    ],
  },
  {
    name: 'messages.csv',
    description: 'Meddelanden i utkorgen (till vårdnadshavare och huvudman).',
    from: sql`outbox t`,
    orderBy: sql`t.created_at, t.id`,
    columns: [
      id('Id.'),
      col('kind', 'Typ (t.ex. sameDayNotice, monthlyNotice, ladder, organiserNotice).'),
      col('person_id', 'Eleven meddelandet gäller.'),
      col('template_key', 'Mall.'),
      col('status', 'Status.'),
      col('about_date', 'Dagen meddelandet gäller.'),
      at('created_at', 'Skapat'),
      at('send_after', 'Skickas tidigast'),
      at('withdrawn_at', 'Återkallat'),
      at('processed_at', 'Behandlat'),
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
      unlessProtected('recipient_person_id', 'Mottagare (vårdnadshavare).'),
      col('channel', 'email, sms eller inApp.'),
      unlessProtected('address', 'E-postadress eller telefonnummer.'),
      col('locale', 'Språk.'),
      unlessProtected('subject', 'Ämnesrad.'),
      unlessProtected('body', 'Text.'),
      col('status', 'queued, sent, failed eller delivered.'),
      col('attempts', 'Försök.'),
      col('last_error', 'Senaste fel.'),
      at('sent_at', 'Skickat'),
      at('delivered_at', 'Levererat'),
    ],
  },
  {
    name: 'pupil_days.csv',
    description:
      'Statistikens grund: frånvaromåtten per elev och skoldag i minuter (docs/domain/measures.md), som all statistik summerar.',
    from: sql`pupil_days t`,
    orderBy: sql`t.person_id, t.date`,
    columns: [
      col('person_id', 'Elev.'),
      col('date', 'Datum.'),
      col('school_unit_id', 'Skolenhet.'),
      col('scheduled', 'Schemalagda minuter.'),
      col('known', 'Kända minuter (= attended + valid + invalid + other).'),
      col('attended', 'Närvaro.'),
      col('valid', 'Giltig frånvaro.'),
      col('invalid', 'Ogiltig frånvaro.'),
      col('other', 'Annan skolaktivitet.'),
      col('late_count', 'Antal sena ankomster.'),
      col('late_minutes', 'Minuter sen ankomst.'),
      col('is_absent_day', 'Hel frånvarodag (ja/nej).'),
      col('has_absence', 'Frånvarotillfälle (ja/nej).'),
    ],
  },
  {
    name: 'unit_months.csv',
    description: 'Statistik per skolenhet och månad (summor av pupil_days).',
    from: sql`unit_months t`,
    orderBy: sql`t.month, t.school_unit_id`,
    columns: [
      col('month', 'Månad (ÅÅÅÅ-MM).'),
      col('school_unit_id', 'Skolenhet.'),
      col('pupils', 'Elever.'),
      col('scheduled', 'Schemalagda minuter.'),
      col('known', 'Kända minuter.'),
      col('attended', 'Närvaro.'),
      col('valid', 'Giltig frånvaro.'),
      col('invalid', 'Ogiltig frånvaro.'),
      col('other', 'Annan skolaktivitet.'),
    ],
  },
];

/** The message's pupil has protected identity (for the delivery row `t` joined to its outbox row `o`). */
function isProtectedOutbox(): SQL {
  return sql`exists (select 1 from persons p where p.organiser_id = o.organiser_id and p.id = o.person_id and p.security_marking <> 'Ingen')`;
}

/** The delivery's column `t.<name>`, left empty when the message is about a pupil with protected identity. */
function unlessProtected(name: string, description: string): ExportColumn {
  return c(name, sql`case when ${isProtectedOutbox()} then null else ${sql.raw(`t.${name}`)} end`, description);
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
