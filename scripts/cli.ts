import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closeDb } from '@/db/client';
import { asOneAction } from '@/db/correlation';

/**
 * A command's arguments, as node:util's parseArgs reads them (strict). `--help` prints the
 * usage and exits 0; an option the command does not know, or one given without its value, is
 * named above the usage and exits 2, instead of ending in a stack trace. Call it before the
 * database is opened.
 */
export function cliArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  if ((config.args ?? process.argv.slice(2)).includes('--help')) {
    console.log(usage);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}\n${usage}`);
    process.exit(2);
  }
}

/**
 * Runs a command-line entry point: its exit code, or a one-line error instead of a stack trace.
 * One run is one action: its audit entries share a correlation id.
 */
export async function runCli(main: () => Promise<number | void>): Promise<never> {
  let code = 1;
  try {
    code = (await asOneAction(main)) ?? 0;
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await closeDb().catch(() => {});
  }
  process.exit(code);
}
