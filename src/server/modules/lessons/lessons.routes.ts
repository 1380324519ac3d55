/** Teachers' lessons: today's list, the register view and registration with confirmation. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/client.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { recordRegisterRead } from './commands/record-register-read.js';
import { recordHistoryRead } from './commands/record-history-read.js';
import type { Actor } from '../../policies/actor.js';
import { ErrorResponse, Uuid } from '../../../shared/schemas/common.js';
import {
  HISTORY_PAGE_SIZE,
  LessonDetail,
  LessonHistoryPage,
  LessonHistoryQuery,
  MyLessonsQuery,
  MyLessonsResponse,
  RegisterLessonRequest,
  UnconfirmedLessonsResponse,
} from '../../../shared/schemas/lessons.js';
import { addDays } from '../../../shared/dates/index.js';
import {
  loadCovers,
  loadLessonRoster,
  type CoversByPupil,
  type ScheduledPupilLesson,
} from '../measures/lesson-facts.js';
import { loadLessonDay, lockLessonRegistration } from '../measures/lesson-day.js';
import { sameDayNoticeSettingsOf, sameDaySettingsColumn } from '../messages/guardian-settings.js';
import {
  findLessonHistory,
  findLessonRegister,
  findMyLessons,
  findMyUnconfirmedLessons,
  type HistoryPage,
  type HistoryRow,
  type LessonRow,
  type PupilNameRow,
} from './lessons.repo.js';
import { lessonAccessFor } from './lessons.policy.js';
import { presentHistoryPage, presentLessonSummary, presentRoster } from './lessons.presenter.js';
import { registerLesson, type RegisterLessonResult } from './commands/register-lesson.js';
import { noticeTimingOf, wakeSenderFor } from '../messages/same-day-notices.js';
import { withRollupsLast } from '../measures/recompute-pupil-days.js';

const LessonParams = Type.Object({ id: Uuid });
/** How far back "Ej klarmarkerade lektioner" looks: two school weeks. */
const UNCONFIRMED_LOOKBACK_DAYS = 14;
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The actor's access to a lesson found for them; 404 when there is none or the actor has no relation to it. */
async function accessTo<T extends { lesson: LessonRow }>(tx: Tx, actor: Actor, found: T | null) {
  if (!found) throw notFound('LESSON_NOT_FOUND', 'Lektionen hittades inte.');
  const { access, correctablePupils } = await lessonAccessFor(tx, actor, found.lesson);
  if (!access) throw notFound('LESSON_NOT_FOUND', 'Lektionen hittades inte.');
  return { ...found, access, correctablePupils };
}

/** Loads a lesson with its register's marks and names and the actor's access; 404 when the actor has no relation to it. */
async function loadAccessibleLesson(tx: Tx, actor: Actor, lessonId: string) {
  return accessTo(tx, actor, await findLessonRegister(tx, actor, lessonId));
}

type AccessibleLesson = Awaited<ReturnType<typeof loadAccessibleLesson>>;

/** A lesson's register view: roster with names, marks and covers, history. */
async function loadLessonDetail(tx: Tx, actor: Actor, lessonId: string): Promise<LessonDetail> {
  const accessible = await loadAccessibleLesson(tx, actor, lessonId);
  const { lesson } = accessible;
  const roster = await loadLessonRoster(tx, actor.organiserId, lesson.id, lesson.local_date);
  const covers = await loadCovers(
    tx,
    actor.organiserId,
    roster.map((p) => p.personId),
    lesson.local_date,
    lesson.local_date,
  );
  return lessonDetailOf({ ...accessible, roster, covers });
}

/** The register view from what the caller has loaded in this transaction (a registration: what it worked with). */
function lessonDetailOf(
  known: AccessibleLesson & { roster: ScheduledPupilLesson[]; covers: CoversByPupil },
): LessonDetail {
  const { lesson, access, correctablePupils, roster, marks, names, covers, history } = known;
  return {
    lesson: presentLessonSummary(lesson),
    roster: presentRoster(roster, names, marks, covers, access === 'read' ? new Set() : correctablePupils),
    ...presentHistoryPage(history),
    access,
    confirmedBy: lesson.confirmed_by,
  };
}

/**
 * The first page of a lesson's history after a registration wrote `written` (in that order): what
 * reading it again would give. The newest rows of the whole history are among the written ones and
 * the newest of the page read before; rows at one time come by their ids, which the sequence hands
 * out in the order written, after every earlier row's.
 */
function historyAfter(
  before: HistoryPage,
  written: RegisterLessonResult['history'],
  names: Map<string, PupilNameRow>,
  changedBy: string,
): HistoryPage {
  const rows: HistoryRow[] = written.map((w) => ({
    id: w.id,
    person_id: w.personId,
    given_name: names.get(w.personId)?.given_name ?? '',
    family_name: names.get(w.personId)?.family_name ?? '',
    previous: w.previous,
    next: w.next,
    changed_by: changedBy,
    changed_at: w.changedAt,
    is_correction: w.isCorrection,
  }));
  const at = (row: HistoryRow) => new Date(row.changed_at).getTime();
  const merged = [...rows, ...before.rows].sort((a, b) => at(b) - at(a) || Number(BigInt(b.id) - BigInt(a.id)));
  const total = before.total + written.length;
  const page = merged.slice(0, HISTORY_PAGE_SIZE);
  return { rows: page, total, cursor: total > page.length ? page[page.length - 1].id : null };
}

export async function lessonRoutes(
  fastify: FastifyInstance,
  { database, clock, config, jobs }: AppContext,
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/lessons/mine',
    {
      schema: {
        tags: ['lessons'],
        summary: "The signed-in teacher's lessons on a date (default today)",
        querystring: MyLessonsQuery,
        response: { 200: MyLessonsResponse, ...errors },
      },
    },
    async (request) => {
      const date = request.query.date ?? clock.today();
      const lessons = await findMyLessons(database.db, actorOf(request), date);
      return { date, lessons: lessons.map(presentLessonSummary) };
    },
  );

  app.get(
    '/api/lessons/mine/unconfirmed',
    {
      schema: {
        tags: ['lessons'],
        summary: "The signed-in teacher's lessons of the last two weeks that have ended without a kvittens",
        response: { 200: UnconfirmedLessonsResponse, ...errors },
      },
    },
    async (request) => {
      const to = clock.today();
      const from = addDays(to, -UNCONFIRMED_LOOKBACK_DAYS);
      const lessons = await findMyUnconfirmedLessons(database.db, actorOf(request), from, to, clock.now());
      return { from, to, lessons: lessons.map(presentLessonSummary) };
    },
  );

  app.get(
    '/api/lessons/:id',
    {
      schema: {
        tags: ['lessons'],
        summary: 'A lesson with its roster, reports and change history',
        params: LessonParams,
        response: { 200: LessonDetail, ...errors },
      },
    },
    async (request) =>
      database.db.transaction(async (tx) => {
        const detail = await loadLessonDetail(tx, actorOf(request), request.params.id);
        await recordRegisterRead(
          tx,
          auditContextOf(request),
          detail.lesson.id,
          detail.roster.map((p) => p.personId),
        );
        return detail;
      }),
  );

  app.get(
    '/api/lessons/:id/history',
    {
      schema: {
        tags: ['lessons'],
        summary: "Older entries of a lesson's change history, newest first (the register view has the newest)",
        params: LessonParams,
        querystring: LessonHistoryQuery,
        response: { 200: LessonHistoryPage, ...errors },
      },
    },
    async (request) =>
      database.db.transaction(async (tx) => {
        const actor = actorOf(request);
        const { before, limit = HISTORY_PAGE_SIZE } = request.query;
        // Who may read the register may read its history: the same lookup and policy, 404 alike.
        const { lesson, history, isCursorKnown } = await accessTo(
          tx,
          actor,
          await findLessonHistory(tx, actor, request.params.id, { before, limit }),
        );
        if (!isCursorKnown)
          throw new AppError(
            'HISTORY_CURSOR_INVALID',
            'Äldre ändringar kunde inte hämtas härifrån. Ladda om sidan och försök igen.',
          );
        await recordHistoryRead(tx, auditContextOf(request), lesson.id, [
          ...new Set(history.rows.map((r) => r.person_id)),
        ]);
        return presentHistoryPage(history);
      }),
  );

  app.put(
    '/api/lessons/:id/registration',
    {
      schema: {
        tags: ['lessons'],
        summary: 'Register and confirm (kvittera) a lesson; pupils not listed are present',
        params: LessonParams,
        body: RegisterLessonRequest,
        response: { 200: LessonDetail, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const timing = noticeTimingOf(clock, config);
      const detail = await database.db.transaction(async (tx) => {
        // Before the marks are read: a registration racing on the same lesson waits, then sees these.
        const locked = await lockLessonRegistration(tx, actor.organiserId, request.params.id);
        return withRollupsLast(tx, async () => {
          const accessible = await loadAccessibleLesson(tx, actor, request.params.id);
          const { lesson, access, correctablePupils } = accessible;
          // The lesson is visible (elevhälsa reads it), the action is not allowed: 403, not 404.
          if (access === 'read') throw forbidden('Du kan läsa lektionen men inte registrera eller rätta den.');
          const day = await loadLessonDay<Parameters<typeof sameDayNoticeSettingsOf>[0]>(
            tx,
            actor.organiserId,
            lesson.id,
            lesson.local_date,
            locked,
            sameDaySettingsColumn(actor.organiserId),
          );
          timing.settings = sameDayNoticeSettingsOf(day.also, config.messages);
          const now = clock.now();
          const {
            marks,
            confirmation,
            history: written,
          } = await registerLesson(
            tx,
            { ...auditContextOf(request), actorUserId: actor.userId },
            { lesson, day, currentMarks: accessible.marks, marks: request.body.marks, correctablePupils, now },
            timing,
          );
          // A first confirmation; one that stood (an import's, made Närvaro's) keeps its time and name.
          const confirmed =
            lesson.confirmed_at === null && confirmation
              ? {
                  confirmed_at: confirmation.confirmedAt,
                  confirmed_by: confirmation.confirmedByUserId === actor.userId ? actor.displayName : null,
                }
              : {};
          return lessonDetailOf({
            ...accessible,
            lesson: { ...lesson, ...confirmed },
            roster: day.roster,
            marks,
            covers: day.covers,
            history: historyAfter(accessible.history, written, accessible.names, actor.displayName),
          });
        });
      });
      // The organiser's "as soon as the lesson is confirmed": the sender runs when the notice is due.
      // The registration is committed; if the wake-up fails, the scheduled run (every minute) sends it.
      await wakeSenderFor(jobs, timing).catch((error: unknown) =>
        request.log.warn({ err: error }, 'could not wake the message sender'),
      );
      return detail;
    },
  );
}
