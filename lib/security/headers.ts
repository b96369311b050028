// The Content-Security-Policy the proxy sets on every response it handles; the headers that
// need no nonce are in next.config.js, for static files too.

/**
 * The Content-Security-Policy of a page. Scripts run only with this response's nonce (Next.js
 * puts it on its own scripts); styles allow inline attributes because React's `style` props and
 * the charts use them, and a style cannot run code. No frames, plugins or foreign origins.
 */
export function contentSecurityPolicy({ nonce, https, dev }: { nonce: string; https: boolean; dev: boolean }): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ];
  return directives.join('; ');
}

/** The app is served over HTTPS when the address users open (BETTER_AUTH_URL) says so. */
export function servedOverHttps(publicUrl: string): boolean {
  return publicUrl.startsWith('https://');
}
