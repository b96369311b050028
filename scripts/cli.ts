import { closeDb } from '@/db/client';
import { asOneAction } from '@/db/correlation';

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
