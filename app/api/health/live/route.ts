import { json } from '@/lib/http';

/**
 * Liveness for the load balancer and ECS: the process answers HTTP. It calls no backend, so a short
 * S3 or Cognito blip does not get every task replaced; `/api/health` is the deep check (readiness, monitoring).
 */
export const dynamic = 'force-dynamic';

export function GET() {
  return json({ status: 'ok' });
}
