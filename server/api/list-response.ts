import 'server-only';
import { encodeCursor } from '@/lib/api/list';
import { errorSummary } from '@/lib/db-unavailable';

// A list's answer, `{"data":[...],"nextCursor":...}` (docs/api.md, "Lists"). A page of up to
// 1,000 records is read and answered at once. `limit=all` streams: the answer is written a
// batch of records at a time, as fast as the client takes them (the stream's pull), each batch
// read by keyset after the previous one while that one is written out. The server holds two
// batches at most however long the list, and the first bytes leave once the first is read.

/** Records per query of a streamed list. */
export const STREAM_BATCH = 1000;

type Fetch<T> = (after: string | null, limit: number) => Promise<T[]>;

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export async function listResponse<T extends { id: string }>(where: string, fetch: Fetch<T>, { limit, after }: { limit: number | 'all'; after: string | null }): Promise<Response> {
  if (limit !== 'all') {
    const rows = await fetch(after, limit + 1);
    const more = rows.length > limit;
    const data = more ? rows.slice(0, limit) : rows;
    return new Response(JSON.stringify({ data, nextCursor: more ? encodeCursor(data[data.length - 1]!.id) : null }), { headers: HEADERS });
  }
  // The first batch is read before answering: a database that cannot be reached is a 503,
  // not a 200 cut short. Each later batch is read while the one before is written out.
  const first = await fetch(after, STREAM_BATCH);
  const readAfter = (rows: T[]): Promise<T[]> | null => {
    const last = rows[rows.length - 1];
    if (rows.length < STREAM_BATCH || !last) return null;
    const next = fetch(last.id, STREAM_BATCH);
    next.catch(() => {}); // awaited by the next pull, which reports it; a client gone by then does not care
    return next;
  };
  let next: Promise<T[]> | null = readAfter(first);
  let rows: T[] | null = first;
  let opened = false;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (rows === null) {
          controller.enqueue(encoder.encode('],"nextCursor":null}'));
          controller.close();
          return;
        }
        const text = rows.map((row) => JSON.stringify(row)).join(',');
        controller.enqueue(encoder.encode((opened ? (text && ',') : '{"data":[') + text));
        opened = true;
        rows = next ? await next : null;
        if (rows) next = readAfter(rows);
      } catch (e) {
        // The status is sent: the client sees the answer end before the JSON does.
        console.error(`${where} failed while streaming: ${errorSummary(e)}`);
        controller.error(e);
      }
    },
  });
  return new Response(stream, { headers: HEADERS });
}
