'use client';

import { useEffect } from 'react';

const LEAVE_QUESTION = 'Leave this page? What you typed here is not saved.';

// A form and a calculator open in it may both guard the page: the first to see a click asks,
// and the others take that answer, so that one click asks once.
const answered = new WeakSet<Event>();

/**
 * Whether a click would take the app to another of its pages. A modified click or a link to a
 * new window or a download leaves this page in place; a link elsewhere than this origin
 * unloads the page, which `beforeunload` covers; a link to this very page (the skip link)
 * leaves nothing behind.
 */
function leavesPage(e: MouseEvent): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download')) return false;
  if (link.target && link.target !== '_self') return false;
  const to = new URL(link.href);
  return to.origin === location.origin && (to.pathname !== location.pathname || to.search !== location.search);
}

/**
 * While `unsaved`, leaving the page asks first: a reload, closing the tab or a typed address
 * get the browser's own question; a click on a link to another page of the app (which the
 * browser does not unload, so never asks about) gets ours, and is cancelled unless confirmed.
 */
export function useLeaveGuard(unsaved: boolean) {
  useEffect(() => {
    if (!unsaved) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Browsers that predate preventDefault() here ask only when returnValue is set.
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (answered.has(e) || !leavesPage(e)) return;
      answered.add(e);
      if (window.confirm(LEAVE_QUESTION)) return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    // Capturing on the window: before the link's own handler starts the app's navigation.
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('click', onClick, true);
    };
  }, [unsaved]);
}
