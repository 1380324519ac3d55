/** Retention: the organiser's periods, a preview of the next run, and a run on demand. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.js';
import { actorOf, auditContextOf } from '../../plugins/authenticate.js';
import { ErrorResponse } from '../../../shared/schemas/common.js';
import {
  RetentionPolicyBody,
  RetentionPolicyResponse,
  RetentionPreviewResponse,
} from '../../../shared/schemas/retention.js';
import {
  RETENTION_RULE_KEYS,
  RETENTION_RULES,
  retentionCutoffs,
  type RetentionPolicy,
} from '../../../shared/retention/policy.js';
import { assertRetentionAdmin } from './retention.policy.js';
import { countRetention, findRetentionPolicy } from './retention.repo.js';
import { updateRetentionPolicy } from './commands/update-retention-policy.js';
import { applyRetention } from './commands/apply-retention.js';

const errors = { 400: ErrorResponse, 403: ErrorResponse };

const presentPolicy = (policy: RetentionPolicy, updatedAt: Date | null): RetentionPolicyResponse => ({
  rules: RETENTION_RULE_KEYS.map((key) => {
    const { label, defaultMonths, minMonths, maxMonths } = RETENTION_RULES[key];
    return { key, label, months: policy[key], defaultMonths, minMonths, maxMonths };
  }),
  updatedAt: updatedAt ? new Date(updatedAt).toISOString() : null,
});

export async function retentionRoutes(fastify: FastifyInstance, { database, clock }: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = database.db;

  app.get(
    '/api/retention/policy',
    {
      schema: {
        tags: ['retention'],
        summary: "The organiser's retention periods (gallring)",
        response: { 200: RetentionPolicyResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertRetentionAdmin(actor);
      const { policy, updatedAt } = await findRetentionPolicy(db, actor.organiserId);
      return presentPolicy(policy, updatedAt);
    },
  );

  app.put(
    '/api/retention/policy',
    {
      schema: {
        tags: ['retention'],
        summary: 'Set the retention periods (validated, audited)',
        body: RetentionPolicyBody,
        response: { 200: RetentionPolicyResponse, ...errors },
      },
    },
    async (request) => {
      assertRetentionAdmin(actorOf(request));
      const now = clock.now();
      await db.transaction((tx) => updateRetentionPolicy(tx, auditContextOf(request), request.body, now));
      return presentPolicy(request.body, now);
    },
  );

  app.get(
    '/api/retention/preview',
    {
      schema: {
        tags: ['retention'],
        summary: 'What the next retention run would remove or clear, counted per step',
        response: { 200: RetentionPreviewResponse, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      assertRetentionAdmin(actor);
      const today = clock.today();
      const { policy } = await findRetentionPolicy(db, actor.organiserId);
      const cutoffs = retentionCutoffs(policy, today);
      return { today, cutoffs, counts: await countRetention(db, actor.organiserId, cutoffs, clock.now()) };
    },
  );

  app.post(
    '/api/retention/run',
    {
      schema: {
        tags: ['retention'],
        summary: 'Run retention now for the organiser (the nightly job does the same)',
        response: { 200: RetentionPreviewResponse, ...errors },
      },
    },
    async (request) => {
      assertRetentionAdmin(actorOf(request));
      const today = clock.today();
      const result = await db.transaction((tx) => applyRetention(tx, auditContextOf(request), today, clock.now()));
      return { today, ...result };
    },
  );
}
