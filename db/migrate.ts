import path from 'node:path';
import { databaseKind, type Db } from './client';

// The SQL migrations drizzle-kit generated (db/migrations), applied through either driver;
// each recognises the other's record of what is applied.

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

export async function migrateDb(db: Db): Promise<void> {
  if ((await databaseKind()) === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}
