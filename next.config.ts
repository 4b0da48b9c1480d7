import type { NextConfig } from 'next';
import { API_CONTENT_SECURITY_POLICY, COMMON_SECURITY_HEADERS } from './lib/security-headers';

const nextConfig: NextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // Only for the builds of `npm run bench:attribution` and `bench:profile`: maps say which source each byte or sample comes from.
  productionBrowserSourceMaps: process.env.BUNDLE_SOURCE_MAPS === 'true',
  // The SDKs and the Cognito library run only on the server; bundling them gains nothing. The Redis
  // client loads its optional peers (OpenTelemetry, xxhash) only if present, which a bundler cannot follow.
  serverExternalPackages: ['amazon-cognito-identity-js', 'aws-jwt-verify', '@redis/client'],
  async headers() {
    return [
      { source: '/:path*', headers: [...COMMON_SECURITY_HEADERS] },
      // Pages get theirs, with a fresh nonce, from proxy.ts.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
    ];
  },
};

export default nextConfig;
