import { sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { verifyAuditChain } from '@/db/audit-verify';
import { runCli } from './cli';

// `npm run audit:verify`: checks the audit trail's hash chain of DATABASE_URL (or of the
// embedded database). Exit 0 when intact, 1 naming the first bad entry.

async function chainInstalled(db: Db): Promise<boolean> {
  const result = (await db.execute(
    sql`select to_regprocedure('audit_entry_hash(text, bigint, bigint, timestamptz, text, text, text, text, jsonb, jsonb, text, text, text)') is not null as installed`,
  )) as unknown as { installed: boolean }[] | { rows: { installed: boolean }[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0]?.installed === true;
}

await runCli(async () => {
  const db = await getDb();
  if (!(await chainInstalled(db))) throw new Error('this database has no audit chain of this version yet: run `npm run db:migrate` first');
  const result = await verifyAuditChain(db);
  if (result.ok) {
    console.log(`Audit trail intact: ${result.count} entries${result.lastHash ? `, last hash ${result.lastHash}` : ''}.`);
    return 0;
  }
  console.error(`Audit trail broken after ${result.count} good entries. ${result.message}`);
  return 1;
});
