import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildIsCurrent, sourceHash, writeStamp } from './build-stamp';

// `npm run demo`: the production build, made again only when the sources changed since the
// last one (a build takes over a minute), then `next start`. Arguments go to `next start`
// (`npm run demo -- -p 4000`).

const root = process.cwd();
const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [next, ...args], { stdio: 'inherit', env });
  // Ctrl-C reaches the child too; wait for it to finish rather than leave it behind.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

const hash = sourceHash(root);
if (buildIsCurrent(root, hash)) {
  console.log('The build is up to date with the sources: starting it.');
} else {
  console.log('The sources changed since the last build (or there is none): building first.');
  const built = await run(['build']);
  if (built !== 0) process.exit(built);
  writeStamp(root, hash);
}
process.exit(await run(['start', ...process.argv.slice(2)]));
