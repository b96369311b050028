import { Worker } from 'node:worker_threads';

// The embedded database on a thread of its own, for a command with much work of its own (the
// import). PGlite runs PostgreSQL on the thread that calls it, so Node's reading and checking
// and the database's writing take turns; on a worker thread they overlap, as they do beside a
// PostgreSQL server. drizzle's PGlite session uses query, exec and transaction only: this
// client answers those, with the same results and the same errors' fields (code, constraint).

export type Request =
  | { id: number; kind: 'query'; tx?: number; sql: string; params?: unknown[]; rowMode?: 'array' | 'object' }
  | { id: number; kind: 'exec'; tx?: number; sql: string }
  | { id: number; kind: 'begin' }
  | { id: number; kind: 'end'; tx: number; commit: boolean }
  | { id: number; kind: 'close' };
type Reply = { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Unsent = WithoutId<Request>;

type Results = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };
type QueryOptions = { rowMode?: 'array' | 'object' };
type Queries = { query: PgliteThread['query']; exec: PgliteThread['exec'] };

export class PgliteThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private ended: Error | null = null;

  /**
   * Opens the folder's database on a new thread, as PGlite.create(dir) would with these settings
   * (`name=value`, each given to PostgreSQL as `-c`) after PGlite's own start parameters;
   * requests wait until it is open.
   */
  constructor(dir: string, { settings = [] }: { settings?: string[] } = {}) {
    this.worker = new Worker(new URL('./pglite-thread.worker.mjs', import.meta.url), {
      workerData: { dir, settings },
      // Plain JavaScript: not the parent's options, which load tsx's compiler for nothing.
      execArgv: [],
    });
    this.worker.on('message', ({ id, result, error }: Reply) => {
      const waiter = this.waiting.get(id);
      this.waiting.delete(id);
      if (error) waiter?.reject(Object.assign(new Error(error.message), error));
      else waiter?.resolve(result);
    });
    // A thread that fails (PGlite could not open the folder) or ends fails what waits on it.
    const end = (error: unknown) => {
      this.ended ??= error instanceof Error ? error : new Error(`the embedded database's thread failed: ${String(error)}`);
      for (const waiter of this.waiting.values()) waiter.reject(this.ended);
      this.waiting.clear();
    };
    this.worker.on('error', end);
    this.worker.on('exit', (code) => end(new Error(`the embedded database's thread has ended (exit code ${code})`)));
  }

  private send<T>(request: Unsent): Promise<T> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results> {
    return this.send({ kind: 'query', sql, params, rowMode: options?.rowMode });
  }

  exec(sql: string): Promise<Results[]> {
    return this.send({ kind: 'exec', sql });
  }

  /** As PGlite's: committed when `run` returns, rolled back when it throws; other queries wait for it. */
  async transaction<T>(run: (tx: Queries) => Promise<T>): Promise<T> {
    const tx = await this.send<number>({ kind: 'begin' });
    let result: T;
    try {
      result = await run({
        query: (sql, params, options) => this.send({ kind: 'query', tx, sql, params, rowMode: options?.rowMode }),
        exec: (sql) => this.send({ kind: 'exec', tx, sql }),
      });
    } catch (e) {
      // The error that ended the transaction is the one to report, not a failure to roll back.
      await this.send({ kind: 'end', tx, commit: false }).catch(() => {});
      throw e;
    }
    await this.send({ kind: 'end', tx, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (!this.ended) await this.send({ kind: 'close' });
    await this.worker.terminate();
  }
}
