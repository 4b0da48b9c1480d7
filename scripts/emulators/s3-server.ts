/** Child-process entry that runs s3rver (an S3 emulator) with its objects in a folder. */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import S3rver from 's3rver';

// s3rver verifies SigV4 signatures against its own key registry; register the local credentials there.
const s3rverRequire = createRequire(createRequire(import.meta.url).resolve('s3rver'));
const { DUMMY_ACCOUNT } = s3rverRequire('./models/account') as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void } };
DUMMY_ACCOUNT.createKeyPair('local', 'local');

const [dataDir, port, host] = process.argv.slice(2);
if (!dataDir || !port || !host) {
  console.error('usage: s3-server.ts <dataDir> <port> <host>');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
const server = new S3rver({ port: Number(port), address: host, directory: dataDir, silent: true });
server.run().then(
  () => process.send?.({ ready: true }),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
process.on('disconnect', () => process.exit(0));
