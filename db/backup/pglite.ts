import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import type { Db } from '../client';
import { lockPglite } from '../pglite-lock';
import * as schema from '../schema';
import { inspect, readContents } from './contents';
import { readPgliteArchive, writeBackupFile } from './files';
import { NotEmptyError, type BackupResult, type RestoreResult } from './postgres';

// Backup and restore of the embedded database: PGlite's own archive of its data folder
// (dumpDataDir, a gzipped tar) taken after a CHECKPOINT, and loaded back with loadDataDir into
// a new folder that replaces the old one only once it has opened. Both hold the folder's lock,
// so they are refused while the app (or any other process) has the database open.

function hasDatabase(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'PG_VERSION'));
}

async function withPglite<T>(pg: PGlite, use: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await use(drizzle(pg, { schema }) as unknown as Db);
  } finally {
    await pg.close();
  }
}

export async function backupPglite(dir: string, file: string): Promise<BackupResult> {
  if (!hasDatabase(dir)) throw new Error(`There is no embedded database in ${dir}: nothing to back up.`);
  const release = lockPglite(dir);
  try {
    const pg = await PGlite.create(dir);
    return await withPglite(pg, async (db) => {
      const contents = await readContents(db);
      await pg.exec('CHECKPOINT'); // every page on disk, so the archive needs no recovery
      const archive = await pg.dumpDataDir('gzip');
      const bytes = await writeBackupFile(file, async (partial) => fs.writeFileSync(partial, Buffer.from(await archive.arrayBuffer())));
      return { file, bytes, source: `the embedded database in ${dir}`, contents };
    });
  } finally {
    release();
  }
}

export async function restorePglite(file: string, dir: string, { clean = false }: { clean?: boolean } = {}): Promise<RestoreResult> {
  const archive = readPgliteArchive(file);
  const occupied = fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
  const release = lockPglite(dir);
  const staging = `${dir}.restoring-${process.pid}`;
  const replaced = `${dir}.replaced-${process.pid}`;
  try {
    if (occupied && !clean) {
      const what = hasDatabase(dir) ? 'already holds a database' : 'is not empty';
      throw new NotEmptyError(
        `The embedded database folder ${dir} ${what}: nothing was restored. ` +
          'Restore into another folder (set PGLITE_DIR), or pass --clean to replace it.',
      );
    }
    fs.rmSync(staging, { recursive: true, force: true });
    const pg = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(archive)]) });
    const { contents, chain } = await withPglite(pg, (db) => inspect(db));

    // The new folder takes the old one's place; the old one goes only once the new one is there.
    if (occupied) fs.renameSync(dir, replaced);
    else fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(staging, dir);
    } catch (e) {
      if (occupied) fs.renameSync(replaced, dir);
      throw e;
    }
    fs.rmSync(replaced, { recursive: true, force: true });
    return { file, target: `the embedded database in ${dir}`, contents, chain };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    release();
  }
}
