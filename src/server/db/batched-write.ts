/**
 * Set-based batch writes (imports, the pupil-day roll-up). Each batch travels as ONE jsonb parameter (an array of
 * positional rows) that PostgreSQL unpacks with `jsonb_array_elements`, so a statement never
 * nears the 65 535 bind-parameter limit and a batch costs one round trip whatever its width.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Tx } from './client.js';
import { textArray, uuidArray } from './sql.js';

/** Rows per statement: large enough to amortise the round trip, small enough for steady progress. */
export const ROWS_PER_BATCH = 5000;

/** How one entity is written. */
export interface WriteSpec {
  table: PgTable;
  /** Columns written, by drizzle property name, `organiserId` excluded (every row gets the caller's). */
  columns: readonly string[];
  /** `update` overwrites changed rows; `nothing` keeps the existing row. */
  onConflict: 'update' | 'nothing';
  /** Extra SQL condition on the existing row `t` for an update to happen (e.g. only imported rows). */
  updateWhere?: string;
  /** SQL select list over the written or deleted row `t`, returned for each changed row. */
  returning?: string;
}

/** Counts of one upsert; rows not inserted or updated were identical already (or kept by `updateWhere`). */
export interface UpsertResult<R> {
  inserted: number;
  updated: number;
  unchanged: number;
  /** The `returning` columns of the inserted or updated rows, plus `inserted`; alike rows once per batch. */
  changed: (R & { inserted: boolean })[];
}

interface ColumnInfo {
  key: string;
  name: string;
  sqlType: string;
}

interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  keyColumns: ColumnInfo[];
}

const tableInfoCache = new WeakMap<PgTable, TableInfo>();

function tableInfo(table: PgTable): TableInfo {
  let info = tableInfoCache.get(table);
  if (!info) {
    const config = getTableConfig(table);
    const byName = new Map<string, ColumnInfo>();
    const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).map(([key, column]) => {
      const column_ = { key, name: column.name, sqlType: column.getSQLType() };
      byName.set(column.name, column_);
      return column_;
    });
    const primaryKey =
      config.primaryKeys[0]?.columns ??
      columns.filter((c) => (getTableColumns(table) as Record<string, PgColumn>)[c.key].primary);
    const keyColumns = primaryKey.map((c) => byName.get(c.name)!).filter((c) => c.name !== 'organiser_id');
    info = { name: config.name, columns, keyColumns };
    tableInfoCache.set(table, info);
  }
  return info;
}

function columnsOf(spec: WriteSpec): ColumnInfo[] {
  const info = tableInfo(spec.table);
  return spec.columns.map((key) => {
    const column = info.columns.find((c) => c.key === key);
    if (!column) throw new Error(`${info.name} has no column ${key}`);
    return column;
  });
}

const q = (name: string) => `"${name}"`;

/** `(e->>0)::uuid AS "id", …`: reads positional row `e` into typed columns. */
function selectFromElement(columns: readonly ColumnInfo[]): string {
  return columns
    .map((c, i) =>
      c.sqlType === 'jsonb'
        ? `nullif(e->${i}, 'null'::jsonb) AS ${q(c.name)}`
        : `(e->>${i})::${c.sqlType} AS ${q(c.name)}`,
    )
    .join(', ');
}

function payloadOf(rows: readonly object[], columns: readonly ColumnInfo[]): string {
  // Dates serialise as ISO instants; undefined becomes null, as the column default is not wanted here.
  return JSON.stringify(rows.map((row) => columns.map((c) => (row as Record<string, unknown>)[c.key] ?? null)));
}

function* batches<T>(items: readonly T[], size = ROWS_PER_BATCH): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Writes of fewer rows always use `ON CONFLICT` (see {@link freshBatches}). */
const FRESH_CHECK_FROM_ROWS = 1000;

/**
 * Tells which batches can go in with a plain `INSERT`: no two rows of the call share a key, and
 * the table holds no row of the organiser with any of the batch's values in the first key column
 * (a first import, the demo's first start, a pupil's first days), so nothing can conflict. Values
 * a fresh batch of this call already wrote are not asked again: only its own rows have them.
 * `ON CONFLICT` checks the key before each row and costs about 40 % more (PGlite, the demo's
 * 455 151 attendance marks: 8.6 s against 6.0 s). A row committed by another transaction after the
 * check makes the insert fail with a unique violation, and the transaction runs again (db/retry.ts).
 */
function freshBatches(
  tx: Tx,
  info: TableInfo,
  organiserId: string,
  rows: readonly object[],
): (batch: readonly object[]) => Promise<boolean> {
  // A small write (a registration's few pupil days) is not worth the extra round trip.
  if (rows.length < FRESH_CHECK_FROM_ROWS) return async () => false;
  const [first] = info.keyColumns;
  // As PostgreSQL compares them: uuids in any case alike, text (codes such as term ids) exactly.
  const cell = (row: object, column: ColumnInfo) => {
    const value = String((row as Record<string, unknown>)[column.key]);
    return column.sqlType === 'uuid' ? value.toLowerCase() : value;
  };
  const keys = new Set<string>();
  for (const row of first ? rows : []) {
    if (typeof (row as Record<string, unknown>)[first.key] !== 'string') return async () => false;
    keys.add(info.keyColumns.map((c) => cell(row, c)).join('\u0000'));
  }
  if (!first || keys.size < rows.length) return async () => false;
  const written = new Set<string>();
  return async (batch) => {
    const values = [...new Set(batch.map((row) => cell(row, first)))].filter((v) => !written.has(v));
    if (values.length > 0) {
      const [stored] = await queryRows<{ has_rows: boolean }>(
        tx,
        sql`SELECT EXISTS (SELECT 1 FROM ${sql.raw(q(info.name))}
          WHERE organiser_id = ${organiserId} AND ${sql.raw(q(first.name))} = ANY(${textArray(values)}::${sql.raw(first.sqlType)}[])) AS has_rows`,
      );
      if (stored.has_rows) return false;
    }
    for (const v of values) written.add(v);
    return true;
  };
}

/**
 * Inserts or updates rows by primary key (`INSERT … ON CONFLICT … DO UPDATE`), in batches.
 * Identical rows are left alone (`IS DISTINCT FROM`), so a repeated import writes nothing and
 * the counts say what really changed. A batch that cannot meet a stored row is a plain insert
 * (see {@link freshBatches}).
 * @param onBatch called with the number of rows after each batch (progress)
 */
export async function upsertRows<R = Record<string, never>>(
  tx: Tx,
  spec: WriteSpec,
  organiserId: string,
  rows: readonly object[],
  onBatch?: (rows: number) => void,
): Promise<UpsertResult<R>> {
  const info = tableInfo(spec.table);
  const columns = columnsOf(spec);
  const keyNames = new Set(info.keyColumns.map((c) => c.name));
  const updatable = columns.filter((c) => !keyNames.has(c.name));
  const names = columns.map((c) => q(c.name)).join(', ');
  let conflict = 'DO NOTHING';
  if (spec.onConflict === 'update' && updatable.length > 0) {
    const targets = updatable.map((c) => `t.${q(c.name)}`).join(', ');
    const incoming = updatable.map((c) => `excluded.${q(c.name)}`).join(', ');
    conflict = `DO UPDATE SET ${updatable.map((c) => `${q(c.name)} = excluded.${q(c.name)}`).join(', ')}
      WHERE (${targets}) IS DISTINCT FROM (${incoming})${spec.updateWhere ? ` AND (${spec.updateWhere})` : ''}`;
  }
  const keyList = ['organiser_id', ...info.keyColumns.map((c) => c.name)].map(q).join(', ');
  // xmax is 0 only on a freshly inserted row version: the usual way to tell insert from update.
  const returning = `(t.xmax = 0) AS inserted${spec.returning ? `, ${spec.returning}` : ''}`;
  const result: UpsertResult<R> = { inserted: 0, updated: 0, unchanged: 0, changed: [] };
  const isFresh = freshBatches(tx, info, organiserId, rows);
  for (const batch of batches(rows)) {
    const onConflict = (await isFresh(batch)) ? '' : `ON CONFLICT (${keyList}) ${conflict}`;
    const written = await queryRows<R & { inserted: boolean; changed_rows: number; inserted_rows: number }>(
      tx,
      sql`
      WITH written AS (
        INSERT INTO ${sql.raw(q(info.name))} AS t (organiser_id, ${sql.raw(names)})
        SELECT ${organiserId}::uuid, ${sql.raw(columns.map((c) => q(c.name)).join(', '))}
        FROM (SELECT ${sql.raw(selectFromElement(columns))} FROM jsonb_array_elements(${payloadOf(batch, columns)}::jsonb) AS e) AS src
        ${sql.raw(onConflict)}
        RETURNING ${sql.raw(returning)})
      ${sql.raw(
        // Counted and made distinct here: on PGlite every row sent back costs (the demo's attendance
        // marks come back per pupil and day for the roll-up's scope, not per mark).
        spec.returning
          ? `SELECT DISTINCT w.*, (count(*) OVER ())::int AS changed_rows,
              (count(*) FILTER (WHERE w.inserted) OVER ())::int AS inserted_rows FROM written w`
          : `SELECT count(*)::int AS changed_rows, (count(*) FILTER (WHERE w.inserted))::int AS inserted_rows FROM written w`,
      )}`,
    );
    const changed = written[0]?.changed_rows ?? 0;
    const inserted = written[0]?.inserted_rows ?? 0;
    result.inserted += inserted;
    result.updated += changed - inserted;
    result.unchanged += batch.length - changed;
    if (spec.returning) {
      for (const { changed_rows, inserted_rows, ...row } of written)
        result.changed.push(row as R & { inserted: boolean });
    }
    onBatch?.(batch.length);
  }
  return result;
}

/**
 * Deletes the children of `parentIds` that are not among `rows`: the import states each parent's
 * collection in full (a group's memberships, a person's guardians), so what it leaves out is gone.
 * Parents are batched so that each statement carries at most about {@link ROWS_PER_BATCH} kept keys.
 * @param parentKey property name of the column that points at the parent
 * @returns the `returning` columns of the deleted rows
 */
export async function deleteOmittedChildren<R = Record<string, never>>(
  tx: Tx,
  spec: WriteSpec,
  organiserId: string,
  parentKey: string,
  parentIds: readonly string[],
  rows: readonly object[],
): Promise<R[]> {
  if (parentIds.length === 0) return [];
  const info = tableInfo(spec.table);
  const parent = info.columns.find((c) => c.key === parentKey);
  if (!parent) throw new Error(`${info.name} has no column ${parentKey}`);
  const childrenByParent = new Map<string, object[]>();
  for (const row of rows) {
    const id = (row as Record<string, string>)[parentKey];
    const list = childrenByParent.get(id);
    if (list) list.push(row);
    else childrenByParent.set(id, [row]);
  }
  const deleted: R[] = [];
  let parentBatch: string[] = [];
  let keptBatch: object[] = [];
  const flush = async () => {
    if (parentBatch.length === 0) return;
    const keys = info.keyColumns;
    const matches = keys.map((c, i) => `t.${q(c.name)} = (k->>${i})::${c.sqlType}`).join(' AND ');
    deleted.push(
      ...(await queryRows<R>(
        tx,
        sql`
      DELETE FROM ${sql.raw(q(info.name))} AS t
      WHERE t.organiser_id = ${organiserId}
        AND t.${sql.raw(q(parent.name))} = ANY(${uuidArray(parentBatch)})
        AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${payloadOf(keptBatch, keys)}::jsonb) AS k WHERE ${sql.raw(matches)})
      RETURNING ${sql.raw(spec.returning ?? '1 AS deleted')}`,
      )),
    );
    parentBatch = [];
    keptBatch = [];
  };
  for (const id of parentIds) {
    const children = childrenByParent.get(id) ?? [];
    if (parentBatch.length > 0 && keptBatch.length + children.length > ROWS_PER_BATCH) await flush();
    parentBatch.push(id);
    keptBatch.push(...children);
  }
  await flush();
  return deleted;
}

/**
 * Deletes rows by primary key (without `organiserId`), in batches.
 * @returns the `returning` columns of the deleted rows
 */
export async function deleteByKey<R = Record<string, never>>(
  tx: Tx,
  spec: WriteSpec,
  organiserId: string,
  keys: readonly object[],
  where?: string,
): Promise<R[]> {
  const keyColumns = tableInfo(spec.table).keyColumns;
  const matches = keyColumns.map((c, i) => `t.${q(c.name)} = (k->>${i})::${c.sqlType}`).join(' AND ');
  const deleted: R[] = [];
  for (const batch of batches(keys)) {
    deleted.push(
      ...(await queryRows<R>(
        tx,
        sql`
      DELETE FROM ${sql.raw(q(tableInfo(spec.table).name))} AS t
      USING jsonb_array_elements(${payloadOf(batch, keyColumns)}::jsonb) AS k
      WHERE t.organiser_id = ${organiserId} AND ${sql.raw(matches)}${sql.raw(where ? ` AND (${where})` : '')}
      RETURNING ${sql.raw(spec.returning ?? '1 AS deleted')}`,
      )),
    );
  }
  return deleted;
}

/**
 * Runs `write` over `rows` in batches of `size`, one after another (in the caller's transaction): for
 * drizzle inserts, whose bind parameters (rows × columns) must stay under PostgreSQL's 65 535.
 */
export async function writeInBatches<T>(
  rows: readonly T[],
  size: number,
  write: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (const batch of batches(rows, size)) await write(batch);
}

/**
 * Runs `query(ids)` over `ids` in batches and concatenates the rows: for look-ups by id lists
 * that may hold hundreds of thousands of ids.
 */
export async function queryInBatches<R>(tx: Tx, ids: readonly string[], query: (ids: SQL) => SQL): Promise<R[]> {
  const rows: R[] = [];
  for (const batch of batches(ids, ROWS_PER_BATCH * 4)) rows.push(...(await queryRows<R>(tx, query(uuidArray(batch)))));
  return rows;
}
