/** SQL building blocks every module shares: array parameters and the nil uuid. */
import { sql } from 'drizzle-orm';

/**
 * The all-zero uuid: stands in for "nobody" or "no unit" where a column or parameter must hold a uuid
 * (an actor without a person id matches no row; the across-units cache key).
 */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Postgres array literal for a uuid[] parameter (works the same on PGlite and node-postgres). */
export const uuidArray = (ids: Iterable<string>) => sql`${`{${[...ids].join(',')}}`}::uuid[]`;

/** Postgres array literal for a date[] parameter (ISO dates). */
export const dateArray = (dates: Iterable<string>) => sql`${`{${[...dates].join(',')}}`}::date[]`;

/** Postgres array literal for a text[] parameter; every element is quoted, so commas and spaces are safe. */
export const textArray = (values: Iterable<string>) =>
  sql`${`{${[...values].map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`}::text[]`;
