import fs from 'node:fs';

// Two processes on one PGlite folder corrupt it (PGlite has no lock of its own): a lock file
// next to the folder, holding the owner's process id, keeps the second out.

/** Takes the folder's lock, or throws naming the live process that holds it; returns the release. */
export function lockPglite(dir: string): () => void {
  if (dir.startsWith('memory://')) return () => {};
  fs.mkdirSync(dir, { recursive: true });
  const lock = `${dir}.lock`;
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(fs.readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && processAlive(holder))
      throw new Error(`The embedded database ${dir} is in use by process ${holder}. Stop it first.`);
    fs.writeFileSync(lock, String(process.pid));
  }
  const release = () => fs.rmSync(lock, { force: true });
  process.once('exit', release);
  return release;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
