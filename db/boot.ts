import { databaseKind, getDb } from './client';
import { migrateDb } from './migrate';
import { isSeeded, seedDemo } from './seed';

/**
 * Runs when the server starts. The embedded database is migrated and, on first start,
 * filled with the demo cohort; a PostgreSQL server is migrated by `npm run db:migrate`.
 */
export async function bootDatabase(): Promise<void> {
  const db = await getDb();
  if ((await databaseKind()) !== 'pglite') return;
  await migrateDb(db);
  if (!(await isSeeded(db))) {
    await seedDemo(db);
    console.log('Embedded database seeded with the demo cohort.');
  }
}
