/**
 * Child-process entry for the local event pipeline: fauxqs 2, an SNS + SQS emulator, on ONE port. SQS
 * answers the AWS JSON 1.0 protocol (`x-amz-target: AmazonSQS.*`), SNS the awsQuery protocol
 * (form-encoded `Action=`), so the real @aws-sdk/client-sqs and @aws-sdk/client-sns (and the local poller) work
 * unchanged. SNS fans out to subscribed queues inside the emulator; RedrivePolicy moves a message to
 * its dead-letter queue on the receive after maxReceiveCount.
 *
 * State persists in <dataDir>/ (fauxqs writes every change through to SQLite, node:sqlite): queues,
 * topics, subscriptions and messages, in flight ones included, survive a restart (one fauxqs bug in
 * that path is worked around in fauxqs-persistence-fix.ts).
 *
 * Queue URLs are AWS-shaped, `http://sqs.<region>.localhost:<port>/<account>/<name>`. fauxqs finds a
 * queue by region and name, whatever host a URL names, and every local client (app, worker, tests) sets
 * an explicit SQS endpoint, which the SDK uses instead of the URL's host.
 * fauxqs always listens on every interface (its startFauxqs takes no listen address); <host> is the one
 * the launcher checks and the endpoints name.
 */
import { mkdirSync } from 'node:fs';
import { startFauxqs } from 'fauxqs';
import { fixMessageReadyPersistence } from './fauxqs-persistence-fix';

const QUEUE_URL_HOST = 'localhost';

const [dataDir, port, host] = process.argv.slice(2);
if (!dataDir || !port || !host || !/^\d+$/.test(port)) {
  console.error('usage: events-server.ts <dataDir> <port> <host>');
  process.exit(2);
}

try {
  mkdirSync(dataDir, { recursive: true });
  await fixMessageReadyPersistence();
  const server = await startFauxqs({ port: Number(port), host: QUEUE_URL_HOST, dataDir, logger: false });
  const stop = () => void server.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  process.send?.({ ready: true });
} catch (error) {
  console.error(`events emulator could not start on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
