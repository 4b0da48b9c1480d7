/**
 * Child-process entry for the local event pipeline: fauxqs, an SNS + SQS emulator, on ONE port. SQS
 * answers the AWS JSON 1.0 protocol (`x-amz-target: AmazonSQS.*`), SNS the awsQuery protocol
 * (form-encoded `Action=`), so the real @aws-sdk/client-sqs, @aws-sdk/client-sns and sqs-consumer work
 * unchanged. SNS fans out to subscribed queues inside the emulator; RedrivePolicy moves a message to
 * its dead-letter queue on the receive after maxReceiveCount.
 *
 * State is in memory: fauxqs 1.9.2 is the last release that runs on Node 20 and has no persistence
 * (2.x persists with node:sqlite, which Node 20 lacks). <dataDir> is accepted so that every emulator
 * takes the same arguments; queues, topics and subscriptions must be created again after a restart.
 */
import { createEventsApp } from './events-app';

const [dataDir, port, host] = process.argv.slice(2);
if (!dataDir || !port || !host || !/^\d+$/.test(port)) {
  console.error('usage: events-server.ts <dataDir> <port> <host>');
  process.exit(2);
}

try {
  const app = await createEventsApp(host, Number(port));
  await app.listen({ port: Number(port), host });
  process.send?.({ ready: true });
} catch (error) {
  console.error(`events emulator could not start on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
process.on('disconnect', () => process.exit(0));
