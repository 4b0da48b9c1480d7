/**
 * A second server process on the running stack's emulators, as a second ECS task would be, optionally
 * with its own endpoint overrides (a fault-injecting proxy in front of one emulator, say).
 */
import { appEnvironment, appService, freePort, STANDALONE_DIR, type ChildService } from '../../scripts/stack';
import { requiredEnv, Session } from './client';

export type SecondApp = { readonly url: string; readonly service: ChildService };

/** `livePubSubUrl`: the Redis protocol server that carries live notices between this process and others. */
export async function startSecondApp(overrides: { dynamodb?: string; livePubSubUrl?: string; env?: Record<string, string> } = {}): Promise<SecondApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = appEnvironment({
    endpoints: {
      cognito: requiredEnv('TEST_COGNITO_ENDPOINT'),
      dynamodb: overrides.dynamodb ?? requiredEnv('TEST_DYNAMODB_ENDPOINT'),
      s3: requiredEnv('TEST_S3_ENDPOINT'),
      rekognition: requiredEnv('TEST_REKOGNITION_ENDPOINT'),
      sns: requiredEnv('TEST_SNS_ENDPOINT'),
      sqs: requiredEnv('TEST_SQS_ENDPOINT'),
      ses: requiredEnv('TEST_MAIL_ENDPOINT'),
    },
    userPoolId: requiredEnv('TEST_USER_POOL_ID'),
    clientId: requiredEnv('TEST_CLIENT_ID'),
    events: { topicArn: requiredEnv('TEST_TOPIC_ARN'), queueUrl: requiredEnv('TEST_QUEUE_URL'), deadLetterQueueUrl: requiredEnv('TEST_DLQ_URL') },
    port,
    appOrigin: url,
    extra: {
      CURSOR_SECRET: 'second-process-cursor-secret-of-enough-length',
      ...(overrides.livePubSubUrl ? { LIVE_PUBSUB_URL: overrides.livePubSubUrl } : {}),
      ...overrides.env,
    },
  });
  const service = appService({ mode: 'standalone', host: '127.0.0.1', port, env, serverDir: STANDALONE_DIR });
  await service.start();
  return { url, service };
}

/** The same signed-in person talking to another process (its cookies, that process's origin). */
export function sessionAt(app: SecondApp, session: Session): Session {
  const there = new Session(app.url);
  for (const [name, value] of session.cookies) there.cookies.set(name, value);
  return there;
}
