import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Whether the production build in .next was made from the sources as they are now: a hash of
// every file the build reads, kept beside the build once it succeeded. `npm run demo` builds
// again only when it differs (scripts/demo.ts).

/** Folders the build reads. Test files are left out: the app never imports them. */
export const SOURCE_FOLDERS = ['app', 'components', 'lib', 'db', 'server', 'public'];
/** Files at the root the build reads: Next's and TypeScript's configuration, the locked dependencies. */
export const SOURCE_FILES = ['next.config.js', 'tsconfig.json', 'next-env.d.ts', 'instrumentation.ts', 'proxy.ts', 'package.json', 'package-lock.json'];

const STAMP = path.join('.next', 'source-stamp.json');
const BUILD_ID = path.join('.next', 'BUILD_ID');

type Stamp = { sources: string; buildId: string };

function isTest(name: string): boolean {
  return /\.test\.tsx?$/.test(name);
}

function sourcePaths(root: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && !isTest(entry.name)) found.push(child);
    }
  };
  for (const folder of SOURCE_FOLDERS) if (fs.existsSync(path.join(root, folder))) walk(folder);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) found.push(file);
  return found.sort();
}

/** SHA-256 over every source file's path and content, in a fixed order. */
export function sourceHash(root: string): string {
  const hash = crypto.createHash('sha256');
  for (const file of sourcePaths(root)) {
    hash.update(`${file}\0`);
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readIfThere(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * True when .next holds a build made from sources with this hash: the stamp names both the
 * hash and the build's id, so a `next build` run by hand since (another id) counts as unknown.
 */
export function buildIsCurrent(root: string, hash: string): boolean {
  const buildId = readIfThere(path.join(root, BUILD_ID));
  const stamp = readIfThere(path.join(root, STAMP));
  if (!buildId || !stamp) return false;
  try {
    const { sources, buildId: stamped } = JSON.parse(stamp) as Stamp;
    return sources === hash && stamped === buildId;
  } catch {
    return false;
  }
}

/** After a successful build: `hash` is the hash of the sources it was started on. */
export function writeStamp(root: string, hash: string): void {
  const buildId = readIfThere(path.join(root, BUILD_ID));
  if (!buildId) throw new Error('no .next/BUILD_ID: the build did not finish');
  const stamp: Stamp = { sources: hash, buildId };
  fs.writeFileSync(path.join(root, STAMP), JSON.stringify(stamp));
}
