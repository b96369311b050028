import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

// Backup files on disk: what kind a file is, where a new one goes by default, and writing one
// so that a failed backup never leaves a truncated file that looks like a good one.
// Backups hold patient data: folders made here are private to the user (0700), files 0600.

export type BackupKind = 'postgres' | 'pglite';

const EXTENSION: Record<BackupKind, string> = { postgres: '.dump', pglite: '.tar.gz' };
const DESCRIPTION: Record<BackupKind, string> = {
  postgres: 'a PostgreSQL server backup (pg_dump custom format)',
  pglite: 'a backup of the embedded database (PGlite data folder)',
};

export function defaultBackupFolder(): string {
  return path.join(process.cwd(), '.data', 'backups');
}

/** .data/backups/dm-jaki-postgres-20260504T102231Z.dump, or …-embedded-….tar.gz */
export function defaultBackupPath(kind: BackupKind, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const name = `dm-jaki-${kind === 'postgres' ? 'postgres' : 'embedded'}-${stamp}${EXTENSION[kind]}`;
  return path.join(defaultBackupFolder(), name);
}

/** Throws unless `file` can be written: it must not exist yet (a backup is never overwritten). */
export function checkNewBackupFile(file: string): void {
  if (fs.existsSync(file)) throw new Error(`${file} already exists: choose another name, or move that file away first.`);
  const folder = path.dirname(path.resolve(file));
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
}

/**
 * Runs `write(partial)` to fill a temporary file next to `file`, then renames it into place.
 * On failure the temporary file is removed and `file` is not created.
 */
export async function writeBackupFile(file: string, write: (partial: string) => Promise<void>): Promise<number> {
  checkNewBackupFile(file);
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.partial-${process.pid}`);
  try {
    await write(partial);
    fs.chmodSync(partial, 0o600);
    if (fs.existsSync(file)) throw new Error(`${file} appeared while the backup was written: the backup was not saved.`);
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}

/** The kind of backup in `file`, read from its first bytes; throws a readable error for anything else. */
export function backupKindOf(file: string): BackupKind {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) throw new Error(`No such file: ${file}`);
  if (!stat.isFile()) throw new Error(`${file} is not a file.`);
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (n === 5 && head.toString('latin1') === 'PGDMP') return 'postgres';
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  throw new Error(`${file} is not a backup made by npm run db:backup (neither a pg_dump custom-format archive nor an embedded-database archive).`);
}

/** Throws unless `file` holds a backup of the kind the current database takes. */
export function checkBackupKind(file: string, wanted: BackupKind): void {
  const kind = backupKindOf(file);
  if (kind === wanted) return;
  const hint =
    wanted === 'postgres'
      ? 'unset DATABASE_URL to restore it into the embedded database'
      : 'set DATABASE_URL to restore it into a PostgreSQL server';
  throw new Error(
    `${file} is ${DESCRIPTION[kind]}, but the database here is ${wanted === 'postgres' ? 'a PostgreSQL server (DATABASE_URL)' : 'the embedded one'}: ${hint}. ` +
      'To move data between the two, use npm run export and npm run import.',
  );
}

/** Reads an embedded-database archive and checks that it is a gzipped tar of a PostgreSQL data folder. */
export function readPgliteArchive(file: string): Buffer {
  checkBackupKind(file, 'pglite');
  const gz = fs.readFileSync(file);
  let tar: Buffer;
  try {
    tar = zlib.gunzipSync(gz);
  } catch (e) {
    throw new Error(`${file} is damaged or incomplete: ${(e as Error).message}`);
  }
  if (!tarNames(tar).some((name) => name.replace(/^\.?\//, '') === 'PG_VERSION'))
    throw new Error(`${file} is a gzip file but not a backup of the embedded database (no PG_VERSION in it).`);
  return gz;
}

/** Member names of a (ustar) tar archive. */
function tarNames(tar: Buffer): string[] {
  const names: string[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.toString('latin1', start, start + length).replace(/\0.*$/s, '');
    const posix = header.toString('latin1', 257, 263) === 'ustar\0'; // GNU tar keeps other fields there
    const prefix = posix ? field(345, 155) : '';
    const name = field(0, 100);
    names.push(prefix ? `${prefix}/${name}` : name);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (!Number.isFinite(size)) break;
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
