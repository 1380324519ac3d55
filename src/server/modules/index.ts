/** Every domain module's routes, registered by buildApp in this order. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { lessonRoutes } from './lessons/lessons.routes.js';

export type RouteModule = (app: FastifyInstance, context: AppContext) => Promise<void>;

export const routeModules: RouteModule[] = [lessonRoutes];
