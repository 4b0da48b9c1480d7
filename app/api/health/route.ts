import { AppError } from '@/lib/errors';
import { checkHealth } from '@/lib/health';
import { handle, json, problemResponse } from '@/lib/http';

const SERVICE_NAMES: Record<string, string> = { cognito: 'Cognito', dynamodb: 'DynamoDB', s3: 'S3' };

export const GET = handle(async () => {
  const report = await checkHealth();
  if (report.healthy) return json({ status: 'ok', checks: report.checks });
  const down = Object.entries(report.checks)
    .filter(([, status]) => status !== 'ok')
    .map(([name]) => SERVICE_NAMES[name] ?? name);
  return problemResponse(
    new AppError(503, 'Service unavailable', `Unavailable: ${down.join(', ')}.`, { checks: report.checks }),
  );
});
