import { pgliteDir } from '@/db/drivers';
import { env } from '@/server/env';
import { describeContents } from '@/db/backup/contents';
import { defaultBackupPath, formatBytes } from '@/db/backup/files';
import { backupPglite } from '@/db/backup/pglite';
import { backupPostgres } from '@/db/backup/postgres';
import { cliArgs, runCli } from './cli';

const USAGE = `Usage: npm run db:backup -- [--out FILE]
Backs up DATABASE_URL with pg_dump (custom format, restored with npm run db:restore or
pg_restore), or, when it is unset, the embedded database as an archive of its folder (the app
must be stopped). FILE defaults to .data/backups/dm-jaki-<kind>-<UTC time>.dump or .tar.gz and
is never overwritten. A backup holds patient data: store it as you store the database.`;

const { values, positionals } = cliArgs({ options: { out: { type: 'string' } }, allowPositionals: true }, USAGE);

await runCli(async () => {
  if (positionals.length > 0 || values.out === '') {
    console.error(USAGE);
    return 1;
  }
  const url = env().DATABASE_URL;
  const out = values.out ?? defaultBackupPath(url ? 'postgres' : 'pglite');
  const result = url ? await backupPostgres(url, out) : await backupPglite(pgliteDir(), out);
  console.log(`Backed up ${result.source} to ${result.file} (${formatBytes(result.bytes)}).`);
  console.log(`It holds ${describeContents(result.contents)}.`);
  return 0;
});
