import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { ChainResult } from '../audit-verify';
import type { Db } from '../client';
import * as schema from '../schema';
import { inspect, readContents, type Contents } from './contents';
import { checkBackupKind, writeBackupFile } from './files';
import { pgTarget, runPgTool } from './pg-tools';

// Backup and restore of a PostgreSQL server database (DATABASE_URL) with pg_dump and
// pg_restore. pg_dump reads one consistent snapshot, so the app may keep running.
// A restore runs in one transaction: it lands whole or not at all. Objects are owned by the
// user of DATABASE_URL (--no-owner) and grants to other roles are not restored
// (--no-privileges), so a backup restores on another server with other role names.

export type BackupResult = { file: string; bytes: number; source: string; contents: Contents | null };
export type RestoreResult = { file: string; target: string; contents: Contents | null; chain: ChainResult | null };

/** Thrown when a restore would land on a database that already holds something. */
export class NotEmptyError extends Error {}

async function withDb<T>(url: string, use: (db: Db, client: postgres.Sql) => Promise<T>): Promise<T> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await use(drizzle(client, { schema }) as unknown as Db, client);
  } catch (e) {
    // Drizzle wraps a failed connection in "Failed query: …": the cause says what went wrong.
    const cause = e instanceof Error && e.message.startsWith('Failed query') && e.cause instanceof Error ? e.cause : e;
    if ((cause as { code?: string }).code === '3D000')
      throw new Error(`The database ${pgTarget(url).label} does not exist: create it first (createdb, or CREATE DATABASE), then run this again.`);
    throw cause;
  } finally {
    await client.end({ timeout: 5 });
  }
}

export async function backupPostgres(url: string, file: string): Promise<BackupResult> {
  const target = pgTarget(url);
  const contents = await withDb(url, (db) => readContents(db));
  const bytes = await writeBackupFile(file, (partial) =>
    runPgTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${target.dbname}`], target.env),
  );
  return { file, bytes, source: target.label, contents };
}

/** Schemas, tables, sequences, views, functions and types that are not PostgreSQL's own or an extension's. */
async function countObjects(client: postgres.Sql): Promise<{ objects: number; tables: number }> {
  const [row] = await client<{ objects: number; tables: number }[]>`
    with ns as (
      select oid, nspname from pg_namespace
      where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg\\_%'
    ),
    own as (
      select classid, objid from pg_depend where deptype = 'e'
    )
    select
      (select count(*) from pg_class c join ns on ns.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'f'))::int as tables,
      ((select count(*) from ns where nspname <> 'public'
          and not exists (select 1 from own where classid = 'pg_namespace'::regclass and objid = ns.oid))
       + (select count(*) from pg_class c join ns on ns.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
            and not exists (select 1 from own where classid = 'pg_class'::regclass and objid = c.oid))
       + (select count(*) from pg_proc p join ns on ns.oid = p.pronamespace
          where not exists (select 1 from own where classid = 'pg_proc'::regclass and objid = p.oid))
       + (select count(*) from pg_type t join ns on ns.oid = t.typnamespace
          where t.typtype in ('e', 'd', 'r', 'm')
            and not exists (select 1 from own where classid = 'pg_type'::regclass and objid = t.oid)))::int as objects`;
  return row!;
}

export async function restorePostgres(url: string, file: string, { clean = false }: { clean?: boolean } = {}): Promise<RestoreResult> {
  checkBackupKind(file, 'postgres');
  const target = pgTarget(url);
  await withDb(url, async (db, client) => {
    const { objects, tables } = await countObjects(client);
    if (objects === 0 || clean) return;
    const contents = await readContents(db);
    const holds = contents ? `${tables} tables with ${contents.patients} patients and ${contents.auditEntries} audit entries` : `${objects} objects`;
    throw new NotEmptyError(
      `The database ${target.label} is not empty (${holds}): nothing was restored. ` +
        'Restore into a new, empty database (createdb), or pass --clean to drop what the backup holds from this one and replace it.',
    );
  });
  const args = ['--single-transaction', '--no-owner', '--no-privileges', `--dbname=${target.dbname}`];
  if (clean) args.push('--clean', '--if-exists');
  await runPgTool('pg_restore', [...args, file], target.env);
  const { contents, chain } = await withDb(url, (db) => inspect(db));
  return { file, target: target.label, contents, chain };
}
