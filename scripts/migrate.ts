import { databaseKind, getDb, migrateDb } from '@/db/client';
import { runCli } from './cli';

// Applies the committed drizzle-kit migrations to DATABASE_URL, or to the embedded database.
await runCli(async () => {
  await migrateDb(await getDb());
  console.log(`Migrations applied (${await databaseKind()}).`);
});
