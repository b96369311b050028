import { STATE_WORDS, type QueryState as State } from '@/lib/queries/rules';

const BADGE: Record<State, string> = { open: 'badge warn', answered: 'badge info', closed: 'badge ok' };

/** A query's state as a badge: open waits for the site, answered for the raiser. */
export function QueryState({ state }: { state: State }) {
  return <span className={BADGE[state]}>{STATE_WORDS[state]}</span>;
}
