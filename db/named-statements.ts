import type { Sql } from 'postgres';

/**
 * Statements with more parameters than this stay unnamed: their text varies with the length
 * of a list (`in ($1, …, $n)`), and each named statement is kept by its connection for good.
 */
const MOST_PARAMETERS = 64;

type Unsafe = Sql['unsafe'];

/**
 * postgres.js that names (prepares) the statements drizzle sends. drizzle asks for unnamed
 * statements, and postgres.js describes an unnamed statement with parameters before it binds
 * it: two round trips, a parse and a plan for every query. A named statement is parsed once
 * per connection, and runs in one round trip after that. Transactions and savepoints hand
 * out the same kind of client, since drizzle queries through them.
 */
export function namedStatements<T extends Sql>(sql: T): T {
  const unsafe = ((query: string, args?: unknown, options?: object) => {
    const [values, rest] = Array.isArray(args) ? [args, options] : [[], args as object | undefined];
    const prepare = values.length > 0 && values.length <= MOST_PARAMETERS;
    return sql.unsafe(query, values, { ...rest, prepare });
  }) as Unsafe;
  const scoped = (open: (...a: unknown[]) => unknown) => (...args: unknown[]) => {
    const work = args.pop() as (tx: Sql) => unknown;
    return open(...args, (tx: Sql) => work(namedStatements(tx)));
  };
  return new Proxy(sql, {
    get(target, key, receiver) {
      if (key === 'unsafe') return unsafe;
      if (key === 'begin' || key === 'savepoint') return scoped(Reflect.get(target, key, receiver) as (...a: unknown[]) => unknown);
      return Reflect.get(target, key, receiver);
    },
  });
}
