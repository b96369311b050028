import { getDb } from '@/db/client';
import { migrateDb } from '@/db/migrate';
import { DEMO_PASSWORD, isSeeded, seedDemo } from '@/db/seed';
import { runCli } from './cli';

// Fills an empty database with the demo sites, users and cohort.
await runCli(async () => {
  const db = await getDb();
  await migrateDb(db);
  if (await isSeeded(db)) {
    console.log('The database already has users: demo data not added.');
    return;
  }
  await seedDemo(db);
  console.log(`Demo data added. Users sign in with the password "${DEMO_PASSWORD}".`);
});
