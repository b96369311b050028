import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { MIGRATIONS_FOLDER } from '@/db/migrate';

// Embedded databases for the data-layer tests on PGlite (TEST_DRIVER=pglite, db/testing.ts).
// A new PGlite cluster takes 10 s and more on a busy 2-core machine, a copy of a migrated one
// under a second: the first test file makes the template, the others copy it.

/** The migrations and the PGlite version: a template made from others is not reused. */
function templateKey(): string {
  const hash = crypto.createHash('sha256');
  for (const name of fs.readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    const file = path.join(MIGRATIONS_FOLDER, name);
    if (!fs.statSync(file).isFile()) continue;
    hash.update(`${name}\0`).update(fs.readFileSync(file));
  }
  const pglite = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  hash.update(pglite.version);
  return hash.digest('hex').slice(0, 16);
}

/** A migrated, empty PGlite folder, made once per key and never written to afterwards. */
async function template(): Promise<string> {
  const dir = path.join(os.tmpdir(), `dm-pglite-template-${templateKey()}`);
  if (fs.existsSync(dir)) return dir;
  const building = fs.mkdtempSync(`${dir}-building-`);
  const pg = await PGlite.create(building);
  try {
    await migrate(drizzle(pg), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await pg.close();
  }
  // Renamed whole, so a folder under the final name is always complete; another run that
  // got there first made the same template.
  try {
    fs.renameSync(building, dir);
  } catch {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return dir;
}

/** A new folder holding a migrated PGlite database of its own, and how to remove it. */
export async function freshPgliteFolder(): Promise<{ dir: string; remove: () => void }> {
  const source = await template();
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'dm-test-pglite-'));
  const dir = path.join(parent, 'db');
  fs.cpSync(source, dir, { recursive: true });
  return { dir, remove: () => fs.rmSync(parent, { recursive: true, force: true }) };
}
