'use client';

import { useEffect, useRef, useSyncExternalStore, type ComponentPropsWithRef } from 'react';

const noSubscription = () => () => {};

/**
 * A form that runs in the browser (react-hook-form, a server action called from script). Its
 * fields are disabled until the page's script has started: before that, a click on its submit
 * button would send the fields as a plain GET (a password or clinical values in the address
 * bar and the server log), and what was typed would be replaced when react-hook-form takes the
 * fields over. Usually a fraction of a second.
 */
export function ClientForm({ children, ...props }: ComponentPropsWithRef<'form'>) {
  const running = useSyncExternalStore(noSubscription, () => true, () => false);
  const fields = useRef<HTMLFieldSetElement>(null);
  // The browser skips the `autofocus` of a field that is disabled as the page loads, and React
  // does not focus a field it hydrates: the field gets its focus here once enabled, unless the
  // user has already put the focus somewhere.
  useEffect(() => {
    const field = running ? fields.current?.querySelector<HTMLElement>('[autofocus]') : null;
    if (field && (document.activeElement === null || document.activeElement === document.body)) field.focus();
  }, [running]);
  return (
    <form {...props} aria-busy={running ? undefined : true}>
      <fieldset ref={fields} className="client-form" role="none" disabled={!running}>
        {children}
      </fieldset>
    </form>
  );
}
