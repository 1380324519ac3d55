/** Every domain module's routes, registered by buildApp in this order. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { lessonRoutes } from './lessons/lessons.routes.js';
import { absenceRoutes } from './absences/absences.routes.js';
import { pupilRoutes } from './pupils/pupils.routes.js';
import { reportRoutes } from './reports/reports.routes.js';
import { ladderRoutes } from './ladders/ladders.routes.js';
import { importRoutes } from './imports/imports.routes.js';
import { statisticsRoutes } from './statistics/statistics.routes.js';
import { guardianRoutes } from './guardians/guardians.routes.js';
import { leaveRequestRoutes } from './guardians/leave-requests.routes.js';
import { assertMayRegisterLeave } from './guardians/leave-rule.js';
import { messageRoutes } from './messages/messages.routes.js';
import { retentionRoutes } from './retention/retention.routes.js';
import { jobRoutes } from './jobs/jobs.routes.js';
import { caseRoutes } from './cases/cases.routes.js';
import { organiserCaseRoutes } from './cases/organiser.routes.js';
import { apiTokenRoutes } from './api-tokens/api-tokens.routes.js';
import { ss12000Routes } from './ss12000-api/ss12000.routes.js';
import { exportRoutes } from './exports/exports.routes.js';
import { userRoutes } from './users/users.routes.js';

export type RouteModule = (app: FastifyInstance, context: AppContext) => Promise<void>;

export const routeModules: RouteModule[] = [
  lessonRoutes,
  // Handed in, not imported: guardians uses absences' commands, so absences may not import guardians.
  (app, context) => absenceRoutes(app, context, { assertMayRegisterLeave }),
  pupilRoutes,
  reportRoutes,
  ladderRoutes,
  importRoutes,
  statisticsRoutes,
  guardianRoutes,
  leaveRequestRoutes,
  messageRoutes,
  retentionRoutes,
  jobRoutes,
  caseRoutes,
  organiserCaseRoutes,
  apiTokenRoutes,
  ss12000Routes,
  exportRoutes,
  userRoutes,
];
