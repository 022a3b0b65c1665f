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
  async headers() {
    return [
      {
        // Next 16.4.5 keeps every page render (its response, compression stream and render state)
        // reachable until the keep-alive connection it came on closes; a client that keeps one
        // connection busy grew the heap by ~2.5 MB/s (scripts/stress/load.ts: 1,971 responses
        // alive after 35 s, released when the clients hung up). Pages close their connection;
        // API calls, which do not leak, keep theirs.
        source: '/((?!api/|_next/).*)',
        headers: [{ key: 'Connection', value: 'close' }],
      },
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
