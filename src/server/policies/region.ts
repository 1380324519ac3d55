/**
 * Region users (a county cooperation's tenant) get aggregates through one separate path only.
 * authenticate.ts answers 404 to a region user on every other API path, so no pupil, case or list
 * route can be reached whatever its own checks are.
 */
/** The only API paths a region user may call: their session and the aggregate-only regional statistics. */
const REGION_ROUTES = [/^\/api\/auth\//, /^\/api\/statistics\/region(\.csv)?(\?|$)/];
export const isRegionRoute = (url: string): boolean => REGION_ROUTES.some((route) => route.test(url));
