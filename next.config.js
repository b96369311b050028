// @ts-check

/**
 * Headers of every response, static files included. The CSP (it needs a nonce) and HSTS (it
 * depends on the address the server runs at, not the one it was built with) are set in proxy.ts.
 */
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and pdfkit read data files beside their code, and resvg loads a native binary for
  // the platform: they must not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit', '@resvg/resvg-js'],
  poweredByHeader: false,
  // Cohort uploads go through a server action: three files at the import's own limit
  // (MAX_IMPORT_FILE_BYTES, 10 MB each, lib/interchange/limits.ts) and the form's overhead must
  // arrive. The upload form refuses a larger file in the browser with the import's message
  // before sending it; the action checks again. Any more would let anyone make the server
  // buffer a large body before the action can refuse it (lib/interchange/limits.test.ts).
  experimental: { serverActions: { bodySizeLimit: '32mb' } },
  typedRoutes: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
