'use client';

import { useEffect, useRef, useState, type ComponentPropsWithoutRef } from 'react';

/**
 * A card that scrolls sideways (`.table-wrap`), marked at each edge beyond which it holds more
 * (`data-more-before`, `data-more-after`; the CSS draws a shadow there). A table's first and
 * last columns are held in view, so that nothing else shows that the columns between them
 * scroll, or that one of them lies partly beneath the row's actions.
 */
export function ScrollEdges({ children, ...props }: ComponentPropsWithoutRef<'div'>) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState({ before: false, after: false });
  useEffect(() => {
    const card = ref.current;
    if (!card) return;
    const update = () => {
      const before = card.scrollLeft > 1;
      const after = card.scrollLeft < card.scrollWidth - card.clientWidth - 1;
      // A scroll that changes neither edge renders nothing again.
      setMore((was) => (was.before === before && was.after === after ? was : { before, after }));
    };
    update();
    card.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(card);
    if (card.firstElementChild) resized.observe(card.firstElementChild);
    return () => {
      card.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, []);
  return (
    <div ref={ref} {...props} data-more-before={more.before || undefined} data-more-after={more.after || undefined}>
      {children}
    </div>
  );
}
