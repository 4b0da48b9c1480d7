/**
 * Every security header the app sends, built in one place.
 *
 * Pure on purpose (no env(), no 'server-only'): next.config.ts imports the static headers at build
 * time, proxy.ts builds each page's Content-Security-Policy from the configured origins per request.
 */
import type { Env } from './env';

/** On every response: pages, API answers, static assets, redirects. */
export const COMMON_SECURITY_HEADERS: readonly { readonly key: string; readonly value: string }[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
];

/** API answers are data, never documents: they may load nothing and be framed by no one. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The origins a page's policy must allow besides its own. */
export type PolicyOrigins = {
  /** Whether the app is served over https (then the page asks for upgrade-insecure-requests). */
  readonly https: boolean;
  /** Where the browser POSTs an upload: the origin of the bucket's presigned POST URL (XHR, so connect-src). */
  readonly upload: string;
  /** Where viewing an attachment redirects to: CloudFront when it signs the links, else the bucket (img-src). */
  readonly images: string;
};

type OriginSettings = Pick<
  Env,
  'APP_ORIGIN' | 'AWS_REGION' | 'ATTACHMENTS_BUCKET' | 'AWS_ENDPOINT_URL_S3' | 'CLOUDFRONT_URL' | 'CLOUDFRONT_KEY_PAIR_ID' | 'CLOUDFRONT_PRIVATE_KEY'
>;

/** The bucket's origin exactly as the S3 client addresses it (lib/aws/s3.ts: path-style with an endpoint). */
export function bucketOrigin(settings: Pick<OriginSettings, 'AWS_REGION' | 'ATTACHMENTS_BUCKET' | 'AWS_ENDPOINT_URL_S3'>): string {
  if (settings.AWS_ENDPOINT_URL_S3) return new URL(settings.AWS_ENDPOINT_URL_S3).origin;
  const suffix = settings.AWS_REGION.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  // A bucket name with dots cannot be a TLS host label, so the SDK falls back to path-style for it.
  const host = settings.ATTACHMENTS_BUCKET.includes('.')
    ? `s3.${settings.AWS_REGION}.${suffix}`
    : `${settings.ATTACHMENTS_BUCKET}.s3.${settings.AWS_REGION}.${suffix}`;
  return `https://${host}`;
}

/** The origins of the configured app, bucket and CDN (mirrors lib/attachments/sign-url.ts and presign.ts). */
export function policyOrigins(settings: OriginSettings): PolicyOrigins {
  const upload = bucketOrigin(settings);
  const signsWithCloudFront = Boolean(settings.CLOUDFRONT_URL && settings.CLOUDFRONT_KEY_PAIR_ID && settings.CLOUDFRONT_PRIVATE_KEY);
  return {
    https: new URL(settings.APP_ORIGIN).protocol === 'https:',
    upload,
    images: signsWithCloudFront ? new URL(settings.CLOUDFRONT_URL!).origin : upload,
  };
}

/** A fresh, unguessable nonce: 128 random bits, base64 (the form Next reads from the policy). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of one HTML page. Next reads the nonce from the request's copy of this
 * header and stamps it on its own scripts; 'strict-dynamic' lets those load the rest of the bundle.
 * `dev` (next dev only) adds what the dev tooling needs: eval (React rebuilds server error stacks with
 * it) and inline styles without a nonce (the dev overlay); a production server never gets either.
 */
export function pageContentSecurityPolicy(nonce: string, origins: PolicyOrigins, { dev = false }: { dev?: boolean } = {}): string {
  const distinct = (...sources: string[]) => [...new Set(sources)];
  const directives: string[][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // <style> and <link rel=stylesheet>: our own files, or Next's inline styles carrying the nonce.
    ['style-src', "'self'", dev ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    // style="…" attributes: a list's colour is any #rrggbb (components/lists/list-dot.tsx), which no
    // nonce or hash can cover. Attributes cannot hold selectors, and url() in them is bound by img-src.
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', ...distinct("'self'", 'data:', 'blob:', origins.images)],
    ['font-src', "'self'"],
    ['connect-src', ...distinct("'self'", origins.upload)],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ...(origins.https ? [['upgrade-insecure-requests']] : []),
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}
