import 'server-only';
import { bootDatabase } from '@/db/boot';
import { serverEnv } from './env';

/**
 * Runs once when the server starts (instrumentation.ts): the settings are checked, then the
 * embedded database is opened and migrated. A bad or missing setting, or a database that
 * cannot be opened, ends the process with a message naming the problem. Next.js itself would
 * log the error and keep running, answering every request with an error page.
 */
export async function startServer(): Promise<void> {
  try {
    serverEnv();
    await bootDatabase();
  } catch (e) {
    console.error(`The server cannot start. ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
