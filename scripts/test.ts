/**
 * `npm test`: every check, in order, with the servers it needs started and stopped here.
 *   lint → typecheck → unit → infra → build → (emulators + standalone server + consumer poller) → api → e2e
 * `--only unit,api` runs a subset (build still runs before api/e2e unless --no-build).
 * `--files a,b` keeps only test files whose path contains one of those words (node tests and Playwright specs).
 * `PLAYWRIGHT_ARGS='--repeat-each=20 --grep=Escape'` passes extra arguments to Playwright, e.g. to run a suspected flake many times.
 * Ends with one line "N passed, N failed" that CI reads.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ACTIVITY_TABLE_NAME, BUCKET_NAME, LISTS_TABLE_NAME, OUTBOX_TABLE_NAME, REMINDERS_TABLE_NAME, TABLE_NAME } from './provision';
import { assertNodeVersion } from './node-version';
import { prepareStandalone, ROOT, startTestStack, type Stack } from './stack';

const STAGES = ['lint', 'typecheck', 'unit', 'infra', 'build', 'api', 'e2e'] as const;
type Stage = (typeof STAGES)[number];
type Counts = { passed: number; failed: number };

const args = process.argv.slice(2);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : undefined;
const unknownStages = [...(only ?? [])].filter((name) => !(STAGES as readonly string[]).includes(name));
if (unknownStages.length > 0) {
  console.error(`Unknown stage(s): ${unknownStages.join(', ')}. Stages: ${STAGES.join(', ')}.`);
  process.exit(2);
}
const filesIndex = args.indexOf('--files');
const fileFilters = filesIndex >= 0 ? (args[filesIndex + 1] ?? '').split(',').filter(Boolean) : undefined;
const wanted = (file: string) => !fileFilters || fileFilters.some((word) => file.includes(word));
const selected = (stage: Stage) => {
  if (!only) return true;
  if (stage === 'build') return !args.includes('--no-build') && (only.has('build') || only.has('api') || only.has('e2e'));
  return only.has(stage);
};

const NODE_TSX = [process.execPath, '--import', 'tsx'];
/** A test that hangs fails after this instead of holding the whole run until CI gives up. */
const TEST_TIMEOUT_MS = 240_000;
const NEXT = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

function run(command: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const [file, ...rest] = command;
    const child = spawn(file!, rest, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      process.stdout.write(text);
    };
    child.stdout.on('data', relay);
    child.stderr.on('data', relay);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function testFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => path.join(dir, name))
    .filter(wanted);
}

/** Counts from node:test's spec reporter summary ("ℹ pass 12", "ℹ fail 0"). */
function nodeTestCounts(output: string, code: number): Counts {
  const count = (label: string) => Number(new RegExp(`^ℹ ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  return { passed, failed: code !== 0 && failed === 0 ? 1 : failed };
}

async function nodeTests(dir: string, env?: NodeJS.ProcessEnv, flags: string[] = []): Promise<Counts> {
  const files = testFiles(dir);
  if (files.length === 0) return { passed: 0, failed: 0 };
  const { code, output } = await run([...NODE_TSX, ...flags, '--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files], env);
  return nodeTestCounts(output, code);
}

async function check(command: string[]): Promise<Counts> {
  const { code } = await run(command);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

function playwrightCounts(code: number): Counts {
  const report = path.join(ROOT, 'test-results', 'e2e-results.json');
  if (!existsSync(report)) return { passed: 0, failed: 1 };
  const stats = (JSON.parse(readFileSync(report, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } }).stats;
  const failed = stats.unexpected + stats.flaky;
  return { passed: stats.expected, failed: code !== 0 && failed === 0 ? 1 : failed };
}

function stackEnv(stack: Stack): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TEST_APP_URL: stack.appUrl,
    TEST_COGNITO_ENDPOINT: stack.emulators.endpoints.cognito,
    TEST_DYNAMODB_ENDPOINT: stack.emulators.endpoints.dynamodb,
    TEST_S3_ENDPOINT: stack.emulators.endpoints.s3,
    TEST_REKOGNITION_ENDPOINT: stack.emulators.endpoints.rekognition,
    TEST_USER_POOL_ID: stack.ids.userPoolId,
    TEST_CLIENT_ID: stack.ids.clientId,
    TEST_AUTH_CODE: '123456',
    TEST_TABLE: TABLE_NAME,
    TEST_BUCKET: BUCKET_NAME,
    TEST_ACTIVITY_TABLE: ACTIVITY_TABLE_NAME,
    TEST_LISTS_TABLE: LISTS_TABLE_NAME,
    TEST_OUTBOX_TABLE: OUTBOX_TABLE_NAME,
    TEST_REMINDERS_TABLE: REMINDERS_TABLE_NAME,
    // The reminder tests run the consumer's handler themselves, with the keys the app hands browsers.
    TEST_VAPID_PUBLIC_KEY: stack.vapid.publicKey,
    TEST_VAPID_PRIVATE_KEY: stack.vapid.privateKey,
    TEST_SNS_ENDPOINT: stack.emulators.endpoints.sns,
    TEST_SQS_ENDPOINT: stack.emulators.endpoints.sqs,
    TEST_MAIL_ENDPOINT: stack.emulators.endpoints.ses,
    TEST_TOPIC_ARN: stack.ids.events.topicArn,
    TEST_QUEUE_URL: stack.ids.events.queueUrl,
    TEST_DLQ_URL: stack.ids.events.deadLetterQueueUrl,
    // The app's signing key: the sync tests sign a token as old as they need (tests/api/sync.test.ts).
    TEST_CURSOR_SECRET: stack.appEnv.CURSOR_SECRET,
  };
}

async function main() {
  assertNodeVersion();
  // Every stage below runs on this same binary (process.execPath).
  console.log(`node ${process.version} (${process.execPath})`);
  const results: { stage: Stage; counts: Counts; seconds: number }[] = [];
  const record = async (stage: Stage, work: () => Promise<Counts>) => {
    if (!selected(stage)) return;
    console.log(`\n━━ ${stage} ━━`);
    const started = Date.now();
    const counts = await work();
    results.push({ stage, counts, seconds: Math.round((Date.now() - started) / 1000) });
  };

  await record('lint', () => check([process.execPath, path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', '.']));
  // Route types (RouteContext<'/api/tasks/[id]'>) are generated by Next; make them before tsc reads them.
  await record('typecheck', async () => {
    const typegen = await check([process.execPath, NEXT, 'typegen']);
    if (typegen.failed > 0) return typegen;
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const app = await check([process.execPath, tsc, '--noEmit']);
    // The service worker has its own globals (ServiceWorkerGlobalScope), so its own project.
    return app.failed > 0 ? app : check([process.execPath, tsc, '--noEmit', '-p', 'service-worker']);
  });
  // Unit tests load server modules directly; the react-server condition lets `import 'server-only'` resolve.
  await record('unit', () => nodeTests('tests/unit', process.env, ['--conditions=react-server']));
  // Infrastructure synth tests and deploy.sh tests: offline, no servers.
  // Synth zips the Lambda bundles, so they are built first (esbuild, a second), as deploy.sh does.
  await record('infra', async () => {
    const bundles = await check(['npm', 'run', '--silent', 'build:lambdas']);
    return bundles.failed > 0 ? bundles : nodeTests('tests/infra');
  });
  // What `npm run build` does: the Next standalone server, the service worker, then the Lambda bundles the local poller runs.
  await record('build', async () => {
    const next = await check([process.execPath, NEXT, 'build']);
    if (next.failed > 0) return next;
    const serviceWorker = await check(['npm', 'run', '--silent', 'build:sw']);
    return serviceWorker.failed > 0 ? serviceWorker : check(['npm', 'run', '--silent', 'build:lambdas']);
  });

  const buildFailed = results.some((r) => r.stage === 'build' && r.counts.failed > 0);
  if (!buildFailed && (selected('api') || selected('e2e'))) {
    prepareStandalone();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-test-'));
    // The server's own error lines (unexpected 500s) are shown beside the failing test's output.
    const errorsOnly = (source: string, line: string) => {
      if (line.includes('"level":"error"')) console.log(`[${source}] ${line}`);
    };
    const stack = await startTestStack({ dataDir, log: errorsOnly });
    console.log(`\nstack up: app ${stack.appUrl}`);
    try {
      await record('api', () => nodeTests('tests/api', stackEnv(stack)));
      await record('e2e', async () => {
        rmSync(path.join(ROOT, 'test-results', 'e2e-results.json'), { force: true });
        const specs = fileFilters ? readdirSync(path.join(ROOT, 'e2e')).filter((name) => name.endsWith('.spec.ts') && wanted(`e2e/${name}`)) : [];
        if (fileFilters && specs.length === 0) return { passed: 0, failed: 0 };
        const { code } = await run([process.execPath, path.join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', ...(process.env.PLAYWRIGHT_ARGS?.split(/\s+/).filter(Boolean) ?? []), ...specs.map((name) => `e2e/${name}`)], stackEnv(stack));
        return playwrightCounts(code);
      });
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const total = results.reduce((sum, r) => ({ passed: sum.passed + r.counts.passed, failed: sum.failed + r.counts.failed }), { passed: 0, failed: 0 });
  console.log('\n━━ summary ━━');
  for (const r of results) console.log(`${r.stage.padEnd(10)} ${r.counts.passed} passed, ${r.counts.failed} failed (${r.seconds}s)`);
  console.log(`${total.passed} passed, ${total.failed} failed`);
  process.exit(total.failed > 0 || results.length === 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
