import { pgliteDir } from '@/db/drivers';
import { env } from '@/server/env';
import { describeContents } from '@/db/backup/contents';
import { restorePglite } from '@/db/backup/pglite';
import { restorePostgres } from '@/db/backup/postgres';
import { cliArgs, runCli } from './cli';

const USAGE = `Usage: npm run db:restore -- --in FILE [--clean]
Restores a backup made by npm run db:backup into DATABASE_URL (pg_restore, in one
transaction), or, when it is unset, into the embedded database folder (the app must be
stopped). The database must be empty unless --clean (or --force) is given: then what the
backup holds replaces what is there.`;

const { values, positionals } = cliArgs({ options: { in: { type: 'string' }, clean: { type: 'boolean' }, force: { type: 'boolean' } }, allowPositionals: true }, USAGE);

await runCli(async () => {
  if (!values.in || positionals.length > 0) {
    console.error(USAGE);
    return 1;
  }
  const clean = Boolean(values.clean || values.force);
  const url = env().DATABASE_URL;
  const result = url ? await restorePostgres(url, values.in, { clean }) : await restorePglite(values.in, pgliteDir(), { clean });
  console.log(`Restored ${result.file} into ${result.target}${clean ? ' (replacing its contents)' : ''}.`);
  console.log(`It holds ${describeContents(result.contents)}.`);
  if (!result.chain) return 0;
  if (!result.chain.ok) {
    console.error(`The restored audit trail does not verify: ${result.chain.message}`);
    return 1;
  }
  console.log(`Audit trail intact: ${result.chain.count} entries.`);
  return 0;
});
