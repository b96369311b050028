import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, servedOverHttps } from '@/lib/security/headers';
import { serverEnv } from '@/server/env';

/** An address whose %-codes do not decode (`/patients/%E0%A4%A`): Next.js would answer 500. */
function brokenAddress(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

// A fresh script nonce for every request: Next.js reads it from the request's CSP header and
// puts it on the scripts it renders; the browser then runs no other script.
export function proxy(request: NextRequest) {
  if (brokenAddress(request.nextUrl.pathname))
    return new NextResponse('This address is not valid: it holds a %-code that does not decode.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    });
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const https = servedOverHttps(serverEnv().BETTER_AUTH_URL);
  const policy = contentSecurityPolicy({ nonce, https, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  // A server action answers a few hundred bytes: gzip set up for each answer cost the server
  // more than sending it as it is (about a fifteenth of a save's time under load).
  if (request.method === 'POST' && request.headers.has('next-action')) requestHeaders.delete('accept-encoding');
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  if (https) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  return response;
}

export const config = {
  // Static files carry no scripts of their own; next.config.js gives them the other headers.
  matcher: ['/((?!_next/static|_next/image|icon.svg|favicon.ico).*)'],
};
