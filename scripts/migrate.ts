import { databaseKind, getDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { runCli } from './cli';

// Applies the committed drizzle-kit migrations to DATABASE_URL, or to the embedded database.
await runCli(async () => {
  await migrateDb(await getDb());
  console.log(`Migrations applied (${await databaseKind()}).`);
});
