'use client';

import { useSyncExternalStore, type ComponentPropsWithRef } from 'react';

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
  return (
    <form {...props} aria-busy={running ? undefined : true}>
      <fieldset className="client-form" role="none" disabled={!running}>
        {children}
      </fieldset>
    </form>
  );
}
