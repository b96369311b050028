import { sql, type SQL } from 'drizzle-orm';
import { selectRows, type Db } from './client';

/**
 * Whether the database runs autovacuum, which analyzes a table on its own soon after a large
 * change. A PostgreSQL server does unless told not to; the embedded database runs in
 * single-user mode and has no autovacuum at all.
 */
export async function autovacuumRuns(db: Db): Promise<boolean> {
  const [row] = await selectRows<{ runs: boolean }>(db, sql`select exists (select 1 from pg_stat_activity where backend_type = 'autovacuum launcher') as runs`);
  return row?.runs ?? false;
}

/**
 * Fresh statistics for tables a bulk write has just filled, where nothing else would make
 * them: without them the planner guesses every column's spread. Where autovacuum runs, it
 * does this within a minute and the writer does not wait for it.
 */
export async function analyzeWhereNoAutovacuum(db: Db, tables: SQL): Promise<void> {
  if (!(await autovacuumRuns(db))) await db.execute(sql`analyze ${tables}`);
}
