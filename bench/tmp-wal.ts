import { PGlite } from '@electric-sql/pglite';
for (const zero of ['on', 'off']) {
  const dir = `/tmp/pgl-wal-${zero}`;
  const db = await PGlite.create(dir);
  await db.exec(`set wal_init_zero = ${zero}; create table t (id serial primary key, pad text)`);
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < 400; i++) {
    const t0 = performance.now();
    await db.query(`insert into t (pad) select repeat('x', 200) from generate_series(1, 500)`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => b - a);
  console.log(zero, 'total', (performance.now() - started).toFixed(0), 'ms; slowest', times.slice(0, 6).map((t) => t.toFixed(0)).join(' '), 'median', times[200].toFixed(1));
  await db.close();
}
