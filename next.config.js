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
  // PGlite and pdfkit read data files beside their code: they must not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit'],
  poweredByHeader: false,
  // Cohort uploads go through a server action: let files up to the import's own limit (20 MB
  // each) arrive, so that a larger one gets the import's message rather than a framework error.
  experimental: { serverActions: { bodySizeLimit: '64mb' } },
  typedRoutes: false,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

export default nextConfig;
