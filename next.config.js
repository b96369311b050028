// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite and pdfkit read data files beside their code: they must not be bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pdfkit'],
  poweredByHeader: false,
  // Cohort uploads go through a server action: let files up to the import's own limit (20 MB
  // each) arrive, so that a larger one gets the import's message rather than a framework error.
  experimental: { serverActions: { bodySizeLimit: '64mb' } },
  typedRoutes: false,
};

export default nextConfig;
