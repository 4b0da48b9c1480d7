/**
 * The container without a Docker engine: the runner stage's files are laid out exactly as the Dockerfile's
 * COPY lines say (parsed, not repeated here), then `node server.js` starts from that folder against fresh
 * emulators. The Dockerfile's other promises (stages, pinned slim base, non-root, health check) are checked
 * by reading it, hadolint-style.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, startTestStack, type Stack } from '../../scripts/stack';

type Instruction = { readonly keyword: string; readonly args: string; readonly line: number };
type Stage = { readonly name: string; readonly image: string; readonly instructions: Instruction[] };

/** Instructions of a Dockerfile, continuation lines joined, comments and parser directives dropped. */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending = '';
  let startLine = 0;
  for (const [index, raw] of text.split('\n').entries()) {
    if (!pending && /^\s*(#|$)/.test(raw)) continue;
    if (pending && /^\s*#/.test(raw)) continue;
    if (!pending) startLine = index + 1;
    const continued = /\\\s*$/.test(raw);
    pending += (pending ? ' ' : '') + raw.replace(/\\\s*$/, '').trim();
    if (continued) continue;
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(pending) ?? [];
    pending = '';
    const instruction = { keyword: keyword.toUpperCase(), args, line: startLine };
    if (instruction.keyword === 'FROM') {
      const [, image = '', name = ''] = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ name, image, instructions: [] });
    } else {
      assert.ok(stages.length > 0, `line ${startLine}: ${keyword} before FROM`);
      stages.at(-1)!.instructions.push(instruction);
    }
  }
  return stages;
}

const DOCKERFILE = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const stages = parseDockerfile(DOCKERFILE);
const stage = (name: string) => {
  const found = stages.find((candidate) => candidate.name === name);
  assert.ok(found, `stage ${name}`);
  return found;
};
const all = (from: Stage, keyword: string) => from.instructions.filter((instruction) => instruction.keyword === keyword);
const last = (from: Stage, keyword: string) => all(from, keyword).at(-1);
const workdir = (from: Stage) => last(from, 'WORKDIR')?.args ?? '/';

type Copy = { readonly from?: string; readonly sources: string[]; readonly destination: string };

function copyOf(instruction: Instruction): Copy {
  const words = instruction.args.split(/\s+/);
  const flags = words.filter((word) => word.startsWith('--'));
  const paths = words.filter((word) => !word.startsWith('--'));
  const from = flags.find((flag) => flag.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

/** Folders the builder stage creates itself (`mkdir -p x`), so they exist in it even when the repo lacks them. */
function createdByBuilder(builder: Stage): Set<string> {
  const created = new Set<string>();
  for (const run of all(builder, 'RUN')) {
    for (const match of run.args.matchAll(/mkdir -p ((?:[\w./-]+\s*)+)/g)) {
      for (const folder of match[1]!.split(/\s+/).filter(Boolean)) created.add(path.posix.normalize(folder));
    }
  }
  return created;
}

/**
 * Lays out the runner's WORKDIR under `target`: each `COPY --from=builder <src> <dest>` copies the builder's
 * <src> (the repo, since the builder copies it whole and builds in place) to <dest>, as Docker does.
 */
function layOutRunner(target: string): { copies: Copy[] } {
  const builder = stage('builder');
  const runner = stage('runner');
  assert.ok(
    all(builder, 'COPY').some((copy) => /^(--\S+\s+)*\.\s+\.\/?$/.test(copy.args)),
    'the builder copies the whole context into its WORKDIR (COPY . .), so its paths mirror the repository',
  );
  const builderRoot = workdir(builder);
  const runnerRoot = workdir(runner);
  const created = createdByBuilder(builder);
  const copies = all(runner, 'COPY').map(copyOf);
  for (const copy of copies) {
    assert.equal(copy.from, 'builder', `the runner copies only from the builder: ${JSON.stringify(copy)}`);
    for (const source of copy.sources) {
      const relative = path.posix.relative(builderRoot, path.posix.resolve(builderRoot, source));
      assert.ok(!relative.startsWith('..'), `${source} is inside the builder's ${builderRoot}`);
      const from = path.join(ROOT, relative);
      const to = path.join(target, path.posix.relative(runnerRoot, path.posix.resolve(runnerRoot, copy.destination)));
      if (!existsSync(from)) {
        assert.ok(created.has(relative), `${relative} exists after the build (run \`npm run build\` first)`);
        mkdirSync(to, { recursive: true });
        continue;
      }
      if (statSync(from).isDirectory()) cpSync(from, to, { recursive: true, verbatimSymlinks: true });
      else cpSync(from, copy.destination.endsWith('/') ? path.join(to, path.basename(from)) : to);
    }
  }
  return { copies };
}

describe('Dockerfile', () => {
  it('builds in three stages: deps, builder, runner', () => {
    assert.deepEqual(stages.map((candidate) => candidate.name), ['deps', 'builder', 'runner']);
  });

  it("bases every stage on the slim image of .node-version's Node 24, the Node these tests run on", () => {
    const version = readFileSync(path.join(ROOT, '.node-version'), 'utf8').trim();
    assert.match(version, /^24\.\d+\.\d+$/);
    for (const { name, image } of stages) {
      assert.match(image, /^node:(\d+\.\d+\.\d+)-bookworm-slim(@sha256:[0-9a-f]{64})?$/, `stage ${name}: ${image}`);
      assert.equal(image.split(':')[1]?.split('-')[0], version, `stage ${name} runs Node ${version}`);
    }
    assert.equal(process.version, `v${version}`, 'the test run uses the same Node as the image');
  });

  it('runs as a non-root user', () => {
    const user = last(stage('runner'), 'USER')?.args;
    assert.ok(user, 'the runner sets USER');
    assert.ok(!['root', '0', '0:0', 'root:root'].includes(user), `USER ${user}`);
    const runner = stage('runner');
    const userLine = last(runner, 'USER')!.line;
    assert.ok(all(runner, 'CMD').every((cmd) => cmd.line > userLine), 'USER comes before CMD');
  });

  it('checks its liveness on /api/health/live and runs server.js through the heap-sizing entry', () => {
    const runner = stage('runner');
    const healthcheck = last(runner, 'HEALTHCHECK')?.args ?? '';
    assert.match(healthcheck, /CMD \[.*\/api\/health\/live'/);
    assert.match(healthcheck, /--interval=\d+s/);
    assert.deepEqual(JSON.parse(last(runner, 'CMD')?.args ?? 'null'), ['sh', 'start.sh', 'server.js']);
  });

  it('labels the image with the git revision from a build argument', () => {
    const runner = stage('runner');
    const argument = all(runner, 'ARG').map((arg) => arg.args.split('=')[0]).find((name) => name && /SHA|REVISION/.test(name));
    assert.ok(argument, 'an ARG for the revision in the runner stage');
    assert.ok(
      all(runner, 'LABEL').some((label) => label.args.includes(`org.opencontainers.image.revision="\${${argument}}"`)),
      'LABEL org.opencontainers.image.revision from that ARG',
    );
  });

  it('configures the server for the cloud in the runner', () => {
    const env = all(stage('runner'), 'ENV').map((instruction) => instruction.args).join(' ');
    for (const setting of ['NODE_ENV=production', 'APP_MODE=cloud', 'PORT=3000', 'HOSTNAME=0.0.0.0']) assert.ok(env.includes(setting), setting);
    assert.match(all(stage('runner'), 'EXPOSE').map((expose) => expose.args).join(' '), /\b3000\b/);
  });

  it('keeps the runner free of installs: no RUN, only the build output', () => {
    assert.deepEqual(all(stage('runner'), 'RUN'), []);
    assert.deepEqual(all(stage('runner'), 'ADD'), []);
  });

  it('follows hadolint basics: absolute WORKDIR, exec-form CMD, no :latest', () => {
    for (const candidate of stages) {
      for (const dir of all(candidate, 'WORKDIR')) assert.ok(dir.args.startsWith('/'), `line ${dir.line}: WORKDIR ${dir.args}`);
      for (const cmd of all(candidate, 'CMD')) assert.ok(cmd.args.startsWith('['), `line ${cmd.line}: exec form`);
      assert.ok(!candidate.image.endsWith(':latest'));
    }
  });

  it('keeps dependencies, builds, local data, git and infrastructure output out of the build context', () => {
    const ignored = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((line) => line.trim());
    for (const entry of ['node_modules', '.next', '.data', '.git', '*.tsbuildinfo', 'test-results']) assert.ok(ignored.includes(entry), entry);
    assert.ok(ignored.includes('infra') || ignored.includes('infra/cdktf.out'), 'infra/cdktf.out');
  });
});

describe('the runner stage, laid out from the Dockerfile and started', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'todoer-runner-'));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'todoer-runner-data-'));
  let stack: Stack | undefined;
  let copies: Copy[] = [];

  before(async () => {
    copies = layOutRunner(folder).copies;
    stack = await startTestStack({ dataDir, serverDir: folder });
  });

  after(async () => {
    await stack?.stop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds server.js, the static assets and public/, and no devDependencies, emulators or consumers', () => {
    assert.ok(copies.length >= 3);
    for (const file of ['server.js', path.join('.next', 'static'), 'public']) assert.ok(existsSync(path.join(folder, file)), file);
    // The consumers run on Lambda from their own bundles: no worker beside the server, no Lambda bundle.
    for (const file of ['worker.cjs', '.lambda', 'worker']) assert.ok(!existsSync(path.join(folder, file)), `${file} is not in the image`);
    assert.ok(copies.every((copy) => copy.sources.every((source) => !/worker|\.lambda/.test(source))), 'no COPY of a consumer');
    const { devDependencies = {} } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
    const present = Object.keys(devDependencies).filter((name) => existsSync(path.join(folder, 'node_modules', name)));
    assert.deepEqual(present, []);
  });

  describe("start.sh sizes Node's heap from the container's memory", () => {
    const limitFile = path.join(dataDir, 'memory.max');
    /** What node reports when started through the image's entry with this cgroup limit and environment. */
    const startedWith = (cgroupLimit: string, env: Record<string, string> = {}) => {
      writeFileSync(limitFile, `${cgroupLimit}\n`);
      const probe = 'console.log(JSON.stringify({ argv: process.execArgv.filter((flag) => /^--max-(old|semi)-space-size/.test(flag)), limit: require("v8").getHeapStatistics().heap_size_limit }))';
      const result = spawnSync('sh', [path.join(folder, 'start.sh'), '-e', probe], {
        env: { NODE_ENV: 'production', PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`, MEMORY_LIMIT_FILE: limitFile, ...env },
        encoding: 'utf8',
        timeout: 15_000,
      });
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as { argv: string[]; limit: number };
    };
    const MiB = 1024 * 1024;

    it('gives the old space 60% of a 512 MiB cgroup limit and caps the young generation, so V8 collects before the task is OOM-killed', () => {
      const { argv, limit } = startedWith(String(512 * MiB));
      assert.deepEqual(argv, ['--max-old-space-size=307', '--max-semi-space-size=16']);
      assert.ok(limit > 307 * MiB && limit < 512 * MiB, `heap limit ${limit / MiB} MiB`);
    });

    it("falls back to the task's memory from infra (MEMORY_LIMIT_MB) when the cgroup has no limit, and takes the lower of both", () => {
      assert.deepEqual(startedWith('max', { MEMORY_LIMIT_MB: '1024' }).argv, ['--max-old-space-size=614', '--max-semi-space-size=16']);
      assert.deepEqual(startedWith(String(512 * MiB), { MEMORY_LIMIT_MB: '1024' }).argv, ['--max-old-space-size=307', '--max-semi-space-size=16']);
    });

    it('leaves the heap to Node without any limit, and to NODE_OPTIONS when that sets one', () => {
      assert.deepEqual(startedWith('max').argv, []);
      const chosen = startedWith(String(512 * MiB), { NODE_OPTIONS: '--max-old-space-size=200' });
      assert.deepEqual(chosen.argv, []);
      // heap_size_limit also counts the young generation (Node's default here, 3 x 64 MiB semi-spaces).
      assert.ok(chosen.limit >= 200 * MiB && chosen.limit <= 200 * MiB + 3 * 64 * MiB + 8 * MiB, `NODE_OPTIONS' 200 MiB old space kept: ${chosen.limit / MiB} MiB`);
    });
  });

  it('answers /api/health with 200', async () => {
    const response = await fetch(`${stack!.appUrl}/api/health`);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, 'ok');
  });

  it("passes the Dockerfile's own HEALTHCHECK command", () => {
    const healthcheck = last(stage('runner'), 'HEALTHCHECK')!.args;
    const [file, ...args] = JSON.parse(healthcheck.slice(healthcheck.indexOf('CMD ') + 4)) as string[];
    assert.equal(file, 'node');
    const port = new URL(stack!.appUrl).port;
    const result = spawnSync(process.execPath, args, { env: { ...process.env, PORT: port }, timeout: 15_000 });
    assert.equal(result.status, 0, String(result.stderr));
  });

  it('serves /sign-in with its static assets', async () => {
    const page = await fetch(`${stack!.appUrl}/sign-in`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const html = await page.text();
    const assets = [...new Set([...html.matchAll(/(?:src|href)="(\/_next\/static\/[^"]+)"/g)].map((match) => match[1]!))];
    assert.ok(assets.length > 0, 'the page references /_next/static assets');
    const script = assets.find((asset) => asset.endsWith('.js')) ?? assets[0]!;
    const css = assets.find((asset) => asset.endsWith('.css'));
    for (const asset of [script, css].filter((asset): asset is string => asset !== undefined)) {
      const response = await fetch(`${stack!.appUrl}${asset}`);
      assert.equal(response.status, 200, asset);
      assert.ok((await response.arrayBuffer()).byteLength > 0, asset);
    }
  });
});
