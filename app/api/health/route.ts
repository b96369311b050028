import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { unavailableCode, unavailableResponse } from '@/lib/db-unavailable';

export const dynamic = 'force-dynamic';

/** GET /api/health: 200 when the database answers, 503 with a JSON message when it does not (for load balancers). */
export async function GET() {
  try {
    await (await getDb()).execute(sql`select 1`);
    return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    const code = unavailableCode(e);
    console.error(`health check: database ${code ? `unavailable (${code})` : `failed (${(e as Error)?.name ?? 'error'})`}`);
    return unavailableResponse({ status: 'database unavailable' });
  }
}
