import { closeDb } from '@/db/client';

/** Runs a command-line entry point: its exit code, or a one-line error instead of a stack trace. */
export async function runCli(main: () => Promise<number | void>): Promise<never> {
  let code = 1;
  try {
    code = (await main()) ?? 0;
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await closeDb().catch(() => {});
  }
  process.exit(code);
}
