/** Child-process entry that runs dynalite (a DynamoDB emulator) with its data in a LevelDB folder. */
import { mkdirSync } from 'node:fs';
import dynalite from 'dynalite';

const [dataDir, port, host] = process.argv.slice(2);
if (!dataDir || !port || !host) {
  console.error('usage: dynamodb-server.ts <dataDir> <port> <host>');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });
const server = dynalite({ path: dataDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.on('error', (error: Error) => {
  console.error(error.message);
  process.exit(1);
});
server.listen(Number(port), host, () => process.send?.({ ready: true }));
process.on('disconnect', () => process.exit(0));
