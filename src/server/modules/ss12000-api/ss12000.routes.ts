/**
 * SS12000 v2.1 (read) under `/ss12000/v2.1/`: attendances, absences and aggregated attendance of
 * the API token's organiser. Outside the session and CSRF world of `/api`: every route here is
 * authenticated by a Bearer API token with the scope named in its config (hook added in this
 * plugin only), answers errors as SS12000 `{code, message}`, and audits each call (token name,
 * endpoint, record count) in the transaction that reads.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { AppContext } from '../../app-context.js';
import type { Tx } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { daysBetween } from '../../../shared/dates/index.js';
import { recordTokenRead } from '../api-tokens/commands/record-token-read.js';
import { apiTokenHook, apiTokenOf } from './authenticate-api-token.js';
import { assertFilter, encodePageToken, readPage } from './paging.js';
import { attendancesPage, type AttendanceCursor, type AttendanceFilters } from './attendances.repo.js';
import { absencesPage, type AbsenceCursor, type AbsenceFilters } from './absences.repo.js';
import {
  aggregatedAttendancePage,
  type AggregatedCursor,
  type AggregatedFilters,
} from './aggregated-attendance.repo.js';

export const SS12000_PREFIX = '/ss12000/v2.1';

/** The longest aggregatedAttendance period, in days (two school years). */
const MAX_AGGREGATE_DAYS = 731;

const DateTime = Type.String({ format: 'date-time' });
const UuidParam = Type.String({ format: 'uuid' });
const DateParam = Type.String({ format: 'date' });
const paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1 })),
  pageToken: Type.Optional(Type.String({ minLength: 1 })),
};
const metaFilters = {
  'meta.created.before': Type.Optional(DateTime),
  'meta.created.after': Type.Optional(DateTime),
  'meta.modified.before': Type.Optional(DateTime),
  'meta.modified.after': Type.Optional(DateTime),
};
/** Accepted for compatibility; Närvaro does not add reference names (references carry ids). */
const expandReferenceNames = { expandReferenceNames: Type.Optional(Type.Boolean()) };

const AttendanceFilterSchema = Type.Object(
  {
    student: Type.Optional(UuidParam),
    organisation: Type.Optional(UuidParam),
    calendarEvent: Type.Optional(UuidParam),
    ...metaFilters,
    ...expandReferenceNames,
  },
  { additionalProperties: false },
);
const AbsenceFilterSchema = Type.Object(
  {
    organisation: Type.Optional(UuidParam),
    student: Type.Optional(UuidParam),
    registeredBy: Type.Optional(UuidParam),
    type: Type.Optional(Type.Union([Type.Literal('Beviljad ledighet'), Type.Literal('Anmäld frånvaro')])),
    'startTime.onOrBefore': Type.Optional(DateTime),
    'startTime.onOrAfter': Type.Optional(DateTime),
    'endTime.onOrBefore': Type.Optional(DateTime),
    'endTime.onOrAfter': Type.Optional(DateTime),
    ...metaFilters,
    ...expandReferenceNames,
    sortkey: Type.Optional(
      Type.Union([Type.Literal('ModifiedDesc'), Type.Literal('StartTimeAsc'), Type.Literal('StartTimeDesc')]),
    ),
  },
  { additionalProperties: false },
);
const SchoolTypes = [
  'FS',
  'FKLASS',
  'FTH',
  'OPPFTH',
  'GR',
  'GRS',
  'TR',
  'SP',
  'SAM',
  'GY',
  'GYS',
  'VUX',
  'VUXSFI',
  'VUXGR',
  'VUXGY',
  'VUXSARGR',
  'VUXSARGY',
  'SFI',
  'SARVUX',
  'SARVUXGR',
  'SARVUXGY',
  'KU',
  'YH',
  'FHS',
  'STF',
  'KKU',
  'HS',
  'ABU',
  'AU',
];
const AggregatedFilterSchema = Type.Object(
  {
    // Required on a first call; not in the schema as required, because a call with pageToken must not repeat them.
    startDate: Type.Optional(DateParam),
    endDate: Type.Optional(DateParam),
    organisation: Type.Optional(UuidParam),
    schoolType: Type.Optional(Type.Array(Type.Union(SchoolTypes.map((t) => Type.Literal(t))))),
    student: Type.Optional(Type.Array(UuidParam)),
    expand: Type.Optional(Type.Array(Type.Union([Type.Literal('activity'), Type.Literal('student')]))),
    ...expandReferenceNames,
  },
  { additionalProperties: false },
);

const withPaging = (filters: ReturnType<typeof Type.Object>) =>
  Type.Object({ ...filters.properties, ...paging }, { additionalProperties: false });

/** Filters of a first call, or those a page token carries (checked against the same schema). */
function filtersOf<F>(schema: TSchema, filters: Record<string, unknown>): F {
  assertFilter(Value.Check(schema, filters));
  const { expandReferenceNames: _ignored, ...rest } = filters;
  return rest as F;
}

export async function ss12000Routes(fastify: FastifyInstance, context: AppContext): Promise<void> {
  await fastify.register(async (scope) => ss12000Scope(scope, context), { prefix: SS12000_PREFIX });
}

async function ss12000Scope(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addHook('onRequest', apiTokenHook(database));
  // An unknown SS12000 path is a 404 in the SS12000 error shape (not the web app's index page).
  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: 'Ändpunkten finns inte i Närvaros SS12000-API.' }),
  );
  app.setErrorHandler((error: FastifyError & { code?: string }, request, reply) => {
    if (error instanceof AppError) return reply.status(error.status).send({ code: error.code, message: error.message });
    if (error.validation) {
      const problems = error.validation.map((v) =>
        `${v.instancePath || (v.params && 'missingProperty' in v.params ? `/${String(v.params.missingProperty)}` : '/')} ${v.message ?? ''}`.trim(),
      );
      return reply
        .status(400)
        .send({ code: 'VALIDATION_FAILED', message: `Ogiltiga parametrar: ${problems.join('; ')}` });
    }
    // A value PostgreSQL cannot read (a changed page token's cursor) is bad input, by SQLSTATE.
    const sqlState = error.code ?? (error.cause as { code?: string } | undefined)?.code;
    if (sqlState === '22P02' || sqlState === '22007' || sqlState === '22008') {
      return reply.status(400).send({ code: 'PAGE_TOKEN_INVALID', message: 'Ogiltig pageToken.' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: 'Ett oväntat fel inträffade.' });
  });

  /** Reads a page in one transaction that also records the use of the token. */
  const answer = async <R extends { cursor: unknown }>(
    request: FastifyRequest,
    endpoint: string,
    filters: Record<string, unknown>,
    read: (tx: Tx, organiserId: string) => Promise<{ records: R[]; hasMore: boolean }>,
  ) => {
    const token = apiTokenOf(request);
    return database.db.transaction(async (tx) => {
      const { records, hasMore } = await read(tx, token.organiserId);
      await recordTokenRead(
        tx,
        {
          organiserId: token.organiserId,
          actorUserId: null,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        },
        token,
        { endpoint, records: records.length, hasPageToken: 'pageToken' in (request.query as object) },
        clock.now(),
      );
      const last = records[records.length - 1];
      return {
        data: records.map(({ cursor: _cursor, ...record }) => record),
        pageToken: hasMore && last ? encodePageToken(endpoint, filters, last.cursor) : null,
      };
    });
  };
  const config = { apiScope: 'ss12000:read' as const, audience: 'public' as const };
  // SS12000's own error shape; 401 is answered by the Bearer token check of every route here.
  const SsError = Type.Object({ code: Type.String(), message: Type.String() });
  const response = { 200: Type.Unknown(), 400: SsError, 401: SsError, 404: SsError };

  app.get(
    '/attendances',
    {
      config,
      schema: {
        tags: ['ss12000'],
        summary: 'SS12000 Attendance: one record per pupil per registered lesson',
        querystring: withPaging(AttendanceFilterSchema),
        response,
      },
    },
    async (request) => {
      const page = readPage<AttendanceCursor>('attendances', request.query);
      const filters = filtersOf<AttendanceFilters>(AttendanceFilterSchema, page.filters);
      return answer(request, 'attendances', page.filters, (tx, organiserId) =>
        attendancesPage(tx, organiserId, filters, page.cursor, page.limit),
      );
    },
  );

  app.get(
    '/absences',
    {
      config,
      schema: {
        tags: ['ss12000'],
        summary: 'SS12000 Absence: guardian reports and granted leave',
        querystring: withPaging(AbsenceFilterSchema),
        response,
      },
    },
    async (request) => {
      const page = readPage<AbsenceCursor>('absences', request.query);
      const filters = filtersOf<AbsenceFilters>(AbsenceFilterSchema, page.filters);
      return answer(request, 'absences', page.filters, (tx, organiserId) =>
        absencesPage(tx, organiserId, filters, page.cursor, page.limit),
      );
    },
  );

  app.get(
    '/aggregatedAttendance',
    {
      config,
      schema: {
        tags: ['ss12000'],
        summary: 'SS12000 AggregatedAttendance: minutes per pupil × activity over a period',
        querystring: withPaging(AggregatedFilterSchema),
        response,
      },
    },
    async (request) => {
      const page = readPage<AggregatedCursor>('aggregatedAttendance', request.query);
      const filters = filtersOf<AggregatedFilters & { expand?: string[] }>(AggregatedFilterSchema, page.filters);
      if (!filters.startDate || !filters.endDate)
        throw new AppError('VALIDATION_FAILED', 'startDate och endDate krävs.');
      if (filters.endDate < filters.startDate || daysBetween(filters.startDate, filters.endDate) > MAX_AGGREGATE_DAYS) {
        throw new AppError(
          'INVALID_DATE_RANGE',
          `endDate måste vara samma dag som eller efter startDate och högst ${MAX_AGGREGATE_DAYS} dagar senare.`,
        );
      }
      if (filters.expand?.length)
        throw new AppError(
          'VALIDATION_FAILED',
          'expand stöds inte av Närvaro; hämta aktiviteter och personer från skolplattformen.',
        );
      return answer(request, 'aggregatedAttendance', page.filters, (tx, organiserId) =>
        aggregatedAttendancePage(tx, organiserId, filters, page.cursor, page.limit),
      );
    },
  );
}
