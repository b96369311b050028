// The worker thread of db/pglite-thread.ts: the embedded database, running each request as it
// arrives, in the order it arrives. Plain JavaScript: tsx's loader does not reach worker
// threads on Node 20.

import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';

// The types drizzle's PGlite session keeps as PostgreSQL's text (dates, times, intervals and
// their arrays, numeric arrays): its parsers are functions, which cannot cross threads.
const AS_TEXT = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];
const parsers = Object.fromEntries(AS_TEXT.map((type) => [type, (value) => value]));

const { dir, settings } = workerData;
const opened = PGlite.create(dir, { startParams: [...PGlite.defaultStartParams, ...settings.flatMap((s) => ['-c', s])] });
// A database that cannot be opened fails each request with the reason, not the thread.
opened.catch(() => {});

/** @type {Map<number, { tx: import('@electric-sql/pglite').Transaction; end: (commit: boolean) => void; settled: Promise<null> }>} */
const open = new Map();
const ROLLBACK = Symbol('rollback');

/** An error as data that crosses threads: its message and what PostgreSQL said (code, constraint, detail...). */
function plain(error) {
  if (error instanceof Error) {
    const fields = {};
    for (const [key, value] of Object.entries(error)) if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
    return { ...fields, message: error.message };
  }
  // Emscripten's file system throws objects that are no Error: a name and a number.
  const { name, errno } = typeof error === 'object' && error !== null ? error : {};
  return { message: errno === undefined ? String(error) : `${name ?? 'error'} ${errno} from the embedded database's file system`, errno };
}

const results = ({ rows, fields, affectedRows }) => ({ rows, fields, affectedRows });

/** @param {import('./pglite-thread').Request} request */
async function answer(request) {
  if (request.kind === 'close') {
    // Nothing to close when the database never opened.
    await (await opened.catch(() => null))?.close();
    return null;
  }
  const pg = await opened;
  const on = request.tx === undefined ? pg : open.get(request.tx)?.tx;
  if (!on) throw new Error('the transaction has ended');
  switch (request.kind) {
    case 'query':
      return results(await on.query(request.sql, request.params, { rowMode: request.rowMode, parsers }));
    case 'exec':
      return (await on.exec(request.sql)).map(results);
    case 'begin':
      // Answered once the transaction has begun; it ends when the main thread says (`end`).
      return new Promise((began, failed) => {
        let begun = false;
        const settled = pg
          .transaction(
            (tx) =>
              new Promise((commit, rollback) => {
                begun = true;
                open.set(request.id, { tx, end: (yes) => (yes ? commit() : rollback(ROLLBACK)), settled });
                began(request.id);
              }),
          )
          .then(
            () => null,
            (e) => {
              if (e === ROLLBACK) return null;
              throw e;
            },
          );
        settled.catch((e) => {
          if (!begun) failed(e);
        });
      });
    case 'end': {
      const transaction = open.get(request.tx);
      open.delete(request.tx);
      transaction.end(request.commit);
      return transaction.settled;
    }
  }
}

parentPort.on('message', (request) => {
  answer(request).then(
    (result) => parentPort.postMessage({ id: request.id, result }),
    (error) => parentPort.postMessage({ id: request.id, error: plain(error) }),
  );
});
