import Link from 'next/link';
import type { ReactNode } from 'react';

/** A page's heading: the way back, the title, a line of context and the page's actions. */
export function PageHead({
  back,
  title,
  children,
  actions,
}: {
  back?: { href: string; label: ReactNode };
  title: ReactNode;
  /** The muted line under the title. */
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div>
        {back && (
          <p>
            <Link href={back.href}>← {back.label}</Link>
          </p>
        )}
        <h1>{title}</h1>
        {children && <p className="muted">{children}</p>}
      </div>
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}
