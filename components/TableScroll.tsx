import type { ReactNode } from 'react';
import { ScrollEdges } from './ScrollEdges';

/**
 * A table's card that scrolls sideways when the table is wider than the window. A table of
 * plain text offers nothing else to focus, so the card itself is a keyboard stop (and named
 * for screen readers) from which the arrow keys scroll it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ScrollEdges className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </ScrollEdges>
  );
}
