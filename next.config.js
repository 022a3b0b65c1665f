/** @type {import('next').NextConfig} */
module.exports = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  reactStrictMode: true,
  // Lets parallel e2e runs (one per engineer on a shared machine) build side by side.
  ...(process.env.NEXT_DIST_DIR ? { distDir: process.env.NEXT_DIST_DIR } : {}),
  // `npm run profile` reads function names from a build made with PACKTRAIL_PROFILE_BUILD=1.
  ...(process.env.PACKTRAIL_PROFILE_BUILD === '1' ? { experimental: { serverMinification: false } } : {}),
  // Pages keep their keep-alive connections: what made each page render outlive its response was
  // Node's run Immediates holding each other (lib/runtime/release-immediates.ts, installed by
  // instrumentation.ts), not the connection. A connection keeps at most its last render, until it closes.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
        ],
      },
    ];
  },
};
