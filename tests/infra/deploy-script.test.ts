/**
 * deploy.sh against stub executables (aws, docker, terraform, node, npm, git, curl) placed first on PATH.
 * The stubs log their arguments and keep a little state (pushed tags, the bucket's CORS, the deployed image)
 * so that a second run can be checked for changing nothing.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPT = path.join(ROOT, 'deploy.sh');
const SHA = '0123456789abcdef0123456789abcdef01234567';
const REPOSITORY = '123456789012.dkr.ecr.us-east-1.amazonaws.com/todoer-dev';
const APP_URL = 'https://d1234abcd.cloudfront.net';
/** The registry stack names the tag: the revision and the architecture (arm64 unless configured otherwise). */
const IMAGE = `${REPOSITORY}:${SHA}-arm64`;
const STUBBED = ['aws', 'docker', 'terraform', 'node', 'npm', 'git', 'curl'] as const;
/** The few system tools deploy.sh itself uses; nothing else from the machine is on its PATH. */
const SYSTEM_TOOLS = ['cat', 'dirname', 'env', 'sleep'];

const which = (tool: string) => {
  const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
  assert.ok(found, `${tool} must exist on this machine`);
  return found;
};
const BASH = which('bash');

const STUB = `#!${BASH}
tool=\${0##*/}
line="$tool $*"
printf '%s\\n' "$line" >> "$STUB_LOG"
state=$STUB_STATE
if [[ -n \${STUB_FAIL:-} && $line == $STUB_FAIL ]]; then echo "$tool: simulated failure" >&2; exit 3; fi
arg_after() { local key=$1; shift; while (($# > 1)); do [[ $1 == "$key" ]] && { printf '%s' "$2"; return; }; shift; done; }
case $tool in
  git)
    case $1 in
      rev-parse) echo "$STUB_SHA" ;;
      status) printf '%s' "\${STUB_DIRTY:-}" ;;
    esac ;;
  node)
    if [[ " $* " == *' scripts/migrate.ts '* ]]; then
      printf 'migrate-env AWS_REGION=%s TODOS_TABLE=%s LISTS_TABLE=%s ACTIVITY_TABLE=%s AWS_ENDPOINT_URL_DYNAMODB=%s\\n' \
        "$AWS_REGION" "$TODOS_TABLE" "$LISTS_TABLE" "$ACTIVITY_TABLE" "\${AWS_ENDPOINT_URL_DYNAMODB-unset}" >> "$STUB_LOG"
    else
      printf 'node-env TODOER_ENV=%s TODOER_IMAGE_TAG=%s AWS_REGION=%s\\n' "$TODOER_ENV" "$TODOER_IMAGE_TAG" "$AWS_REGION" >> "$STUB_LOG"
      printf '%s' "$TODOER_IMAGE_TAG" > "$state/synth-tag"
    fi ;;
  terraform)
    dir=\${1#-chdir=}
    case $2 in
      output)
        case $4 in
          repository_url) echo "$STUB_REPOSITORY" ;;
          repository_name) echo "\${STUB_REPOSITORY##*/}" ;;
          image_platform) echo "\${STUB_PLATFORM:-linux/arm64}" ;;
          image_tag) echo "$(<"$state/synth-tag")-\${STUB_ARCH:-arm64}" ;;
          app_url) echo "$STUB_APP_URL" ;;
          cluster_name) echo todoer-dev ;;
          service_name) echo todoer-dev-app ;;
          bucket_name) echo todoer-dev-attachments-123456789012 ;;
          region) echo "\${STUB_STACK_REGION:-us-east-1}" ;;
          table_name) echo todos-dev ;;
          lists_table_name) echo lists-dev ;;
          activity_table_name) echo activity-dev ;;
        esac ;;
      apply) [[ $dir == *-app ]] && printf '%s:%s-%s' "$STUB_REPOSITORY" "$(<"$state/synth-tag")" "\${STUB_ARCH:-arm64}" > "$state/deployed-image" ;;
    esac ;;
  docker)
    if [[ "$1 $2" == 'buildx build' && " $* " == *' --push '* ]]; then tag=$(arg_after --tag "$@"); printf '%s\\n' "\${tag##*:}" >> "$state/pushed"; fi
    [[ "$1 $2" == 'buildx version' ]] && echo 'github.com/docker/buildx v0.20.0'
    [[ "$1 $2" == 'buildx inspect' ]] && echo "Platforms: \${STUB_BUILDX_PLATFORMS:-linux/amd64, linux/arm64}"
    [[ $1 == info ]] && echo 27.0.0
    [[ $1 == login ]] && { read -r _; echo 'Login Succeeded'; } ;;
  curl) printf '%s' "\${STUB_HEALTH:-200}" ;;
  aws)
    case "$1 $2" in
      'sts get-caller-identity') echo 123456789012 ;;
      'ecr get-login-password') echo stub-password ;;
      'ecr describe-images')
        tag=$(arg_after --image-ids "$@"); tag=\${tag#imageTag=}
        if [[ -f $state/pushed ]]; then while read -r pushed; do [[ $pushed == "$tag" ]] && { echo '{}'; exit 0; }; done < "$state/pushed"; fi
        echo 'An error occurred (ImageNotFoundException)' >&2; exit 254 ;;
      'ecs describe-services') echo "arn:aws:ecs:us-east-1:123456789012:task-definition/$(arg_after --services "$@"):7" ;;
      'ecs describe-task-definition')
        if [[ -n \${STUB_RUNNING_IMAGE:-} ]]; then echo "$STUB_RUNNING_IMAGE"
        else cat "$state/deployed-image"; echo; fi ;;
      's3api get-bucket-cors')
        if [[ -f $state/cors ]]; then cat "$state/cors"; echo; else echo 'An error occurred (NoSuchCORSConfiguration)' >&2; exit 254; fi ;;
      's3api put-bucket-cors')
        rules=$(arg_after --cors-configuration "$@")
        [[ $rules =~ \\"AllowedOrigins\\":\\[\\"([^\\"]*)\\"\\] ]] && printf '%s' "\${BASH_REMATCH[1]}" > "$state/cors" ;;
    esac ;;
esac
exit 0
`;

type Run = { code: number; stdout: string; stderr: string; calls: string[] };

const workspace = mkdtempSync(path.join(tmpdir(), 'todoer-deploy-'));
after(() => rmSync(workspace, { recursive: true, force: true }));
let runs = 0;

/** A fresh PATH of stubs (all of them unless some are left out) and the few system tools. */
function makeBin(without: readonly string[] = []): string {
  const bin = path.join(workspace, `bin-${runs++}`);
  mkdirSync(bin);
  const stub = path.join(bin, '.stub');
  writeFileSync(stub, STUB);
  chmodSync(stub, 0o755);
  for (const tool of STUBBED) if (!without.includes(tool)) symlinkSync(stub, path.join(bin, tool));
  for (const tool of SYSTEM_TOOLS) symlinkSync(which(tool), path.join(bin, tool));
  return bin;
}

function newState(): string {
  return mkdtempSync(path.join(workspace, 'state-'));
}

async function deploy(
  args: string[],
  options: { state?: string; env?: Record<string, string>; without?: string[] } = {},
): Promise<Run> {
  const state = options.state ?? newState();
  const log = path.join(state, 'calls.log');
  rmSync(log, { force: true });
  const child = spawn(BASH, [SCRIPT, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      NODE_ENV: 'test',
      PATH: makeBin(options.without),
      HOME: workspace,
      STUB_LOG: log,
      STUB_STATE: state,
      STUB_SHA: SHA,
      STUB_REPOSITORY: REPOSITORY,
      STUB_APP_URL: APP_URL,
      TODOER_HEALTH_INTERVAL: '0',
      ...options.env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const code = await new Promise<number>((resolve) => child.on('close', (status) => resolve(status ?? 1)));
  clearTimeout(timer);
  const calls = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  return { code, stdout, stderr, calls };
}

/** Index of the first call starting with `prefix`; fails when there is none. */
function indexOf(calls: string[], prefix: string): number {
  const index = calls.findIndex((call) => call.startsWith(prefix));
  assert.ok(index >= 0, `expected a call starting with "${prefix}" in:\n${calls.join('\n')}`);
  return index;
}

const stack = (name: string) => `terraform -chdir=infra/cdktf.out/stacks/todoer-dev-${name}`;

// Each test has its own stubs and state, so they run side by side.
describe('deploy.sh', { concurrency: 4 }, () => {
  it('is shellcheck clean', () => {
    const result = spawnSync('shellcheck', [SCRIPT], { encoding: 'utf8' });
    if (result.error) assert.fail(`shellcheck could not run (apt-get install -y shellcheck): ${result.error.message}`);
    assert.equal(result.status, 0, result.stdout + result.stderr);
  });

  it('prints its usage for --help and runs nothing', async () => {
    const run = await deploy(['--help']);
    assert.equal(run.code, 0);
    for (const option of ['--env NAME', '--dry-run', '--destroy', '--help']) assert.match(run.stdout, new RegExp(option));
    assert.deepEqual(run.calls, []);
  });

  it('rejects an unknown option or environment with a message', async () => {
    const unknown = await deploy(['--fast']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option: --fast/);
    const environment = await deploy(['--env', 'staging']);
    assert.notEqual(environment.code, 0);
    assert.match(environment.stderr, /unknown environment "staging"/);
    assert.deepEqual([...unknown.calls, ...environment.calls], []);
  });

  it('deploys in order: prerequisites, synth, registry, image, app, migration, rollout, CORS, health; then prints the URL', async () => {
    const run = await deploy([]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${APP_URL}\n`);
    const order = [
      'aws sts get-caller-identity',
      'docker info',
      'git rev-parse HEAD',
      'npm run --silent build:lambdas',
      'node --import tsx infra/main.ts',
      `${stack('registry')} init`,
      `${stack('registry')} apply -input=false -auto-approve`,
      'aws ecr describe-images',
      'docker buildx inspect',
      'docker buildx build',
      `${stack('app')} init`,
      `${stack('app')} apply -input=false -auto-approve`,
      'node --import tsx scripts/migrate.ts',
      'aws ecs wait services-stable --cluster todoer-dev --services todoer-dev-app',
      'aws ecs describe-task-definition',
      'aws s3api put-bucket-cors',
      'curl',
    ].map((prefix) => indexOf(run.calls, prefix));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });

  it('builds with buildx for the platform the registry stack names, pushes and rolls out <git SHA>-<arch>', async () => {
    const run = await deploy([]);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.calls.includes(`node-env TODOER_ENV=dev TODOER_IMAGE_TAG=${SHA} AWS_REGION=us-east-1`), run.calls.join('\n'));
    assert.ok(run.calls.includes(`${stack('registry')} output -raw image_platform`));
    assert.ok(run.calls.includes(`aws ecr describe-images --repository-name todoer-dev --image-ids imageTag=${SHA}-arm64`));
    const build = run.calls[indexOf(run.calls, 'docker buildx build')]!;
    assert.equal(build, `docker buildx build --platform linux/arm64 --provenance=false --build-arg GIT_SHA=${SHA} --tag ${IMAGE} --push .`);
    assert.ok(!run.calls.some((call) => call.startsWith('docker push') || call.startsWith('docker build ')), 'buildx pushes itself');
    assert.match(run.stderr, new RegExp(`todoer-dev-app runs ${IMAGE}`));
  });

  it('builds the platform the environment runs: linux/amd64 under an -amd64 tag when the stack says so', async () => {
    const run = await deploy([], { env: { STUB_PLATFORM: 'linux/amd64', STUB_ARCH: 'amd64' } });
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.calls.includes(`docker buildx build --platform linux/amd64 --provenance=false --build-arg GIT_SHA=${SHA} --tag ${REPOSITORY}:${SHA}-amd64 --push .`));
  });

  it('stops before building when buildx cannot build the platform, and says how to add emulation', async () => {
    const run = await deploy([], { env: { STUB_BUILDX_PLATFORMS: 'linux/amd64, linux/amd64/v2' } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /step "build and push image" failed: the docker buildx builder cannot build linux\/arm64.*tonistiigi\/binfmt --install arm64/);
    assert.ok(!run.calls.some((call) => call.startsWith('docker buildx build')));
  });

  it('stops at the prerequisites without docker buildx', async () => {
    const run = await deploy([], { env: { STUB_FAIL: 'docker buildx version*' } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /step "check prerequisites" failed: docker buildx is missing/);
  });

  it('bundles the Lambda consumers before the synth that zips them, on destroy too', async () => {
    for (const args of [[], ['--destroy']]) {
      const run = await deploy(args);
      assert.equal(run.code, 0, run.stderr);
      const bundle = indexOf(run.calls, 'npm run --silent build:lambdas');
      assert.ok(bundle >= 0 && bundle < indexOf(run.calls, 'node --import tsx infra/main.ts'), run.calls.join('\n'));
    }
  });

  it('waits for the app service alone: the consumers are Lambda functions the apply updated, no worker service', async () => {
    const run = await deploy([]);
    assert.equal(run.code, 0, run.stderr);
    const apply = indexOf(run.calls, `${stack('app')} apply`);
    const wait = indexOf(run.calls, 'aws ecs wait services-stable --cluster todoer-dev --services todoer-dev-app');
    assert.ok(apply < wait, run.calls.join('\n'));
    assert.equal(run.calls[wait], 'aws ecs wait services-stable --cluster todoer-dev --services todoer-dev-app');
    assert.equal(run.calls.filter((call) => call.startsWith('aws ecs describe-services')).length, 1);
    assert.ok(!run.calls.some((call) => call.includes('worker')), run.calls.join('\n'));
    assert.match(run.stderr, new RegExp(`todoer-dev-app runs ${IMAGE}`));
    // Nothing forces a new deployment: a run with an unchanged image leaves the service alone.
    assert.ok(!run.calls.some((call) => call.startsWith('aws ecs update-service')));
  });

  it("migrates the data with the app stack's region and tables: after the apply, and again once the rollout is stable", async () => {
    const run = await deploy([], { env: { STUB_STACK_REGION: 'eu-west-1', AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000' } });
    assert.equal(run.code, 0, run.stderr);
    for (const output of ['region', 'table_name', 'lists_table_name', 'activity_table_name']) {
      assert.ok(run.calls.includes(`${stack('app')} output -raw ${output}`), output);
    }
    const migrations = run.calls.flatMap((call, index) => (call === 'node --import tsx scripts/migrate.ts' ? [index] : []));
    assert.equal(migrations.length, 2, run.calls.join('\n'));
    // The stub logs the variables the script got right after the call; the deployer's emulator endpoint is dropped.
    for (const index of migrations) {
      assert.equal(
        run.calls[index + 1],
        'migrate-env AWS_REGION=eu-west-1 TODOS_TABLE=todos-dev LISTS_TABLE=lists-dev ACTIVITY_TABLE=activity-dev AWS_ENDPOINT_URL_DYNAMODB=unset',
      );
    }
    const [first, second] = migrations as [number, number];
    assert.ok(indexOf(run.calls, `${stack('app')} apply`) < first);
    assert.ok(first < indexOf(run.calls, 'aws ecs wait services-stable'));
    const lastImageCheck = run.calls.findLastIndex((call) => call.startsWith('aws ecs describe-task-definition'));
    assert.ok(lastImageCheck < second && second < indexOf(run.calls, 'aws s3api put-bucket-cors'), run.calls.join('\n'));
    assert.match(run.stderr, /==> migrate data\n/);
    assert.match(run.stderr, /==> finish data migration\n/);
  });

  it('stops when the migration fails, with the step name, before waiting for the rollout', async () => {
    const run = await deploy([], { env: { STUB_FAIL: 'node --import tsx scripts/migrate.ts*' } });
    assert.equal(run.code, 3);
    assert.match(run.stderr, /step "migrate data" failed \(exit 3\)/);
    assert.ok(!run.calls.some((call) => call.startsWith('aws ecs wait') || call.startsWith('curl ')), run.calls.join('\n'));
  });

  it('sets the bucket CORS to exactly the app URL from the stack outputs', async () => {
    const run = await deploy([]);
    const put = run.calls[indexOf(run.calls, 'aws s3api put-bucket-cors')]!;
    const json = put.slice(put.indexOf('{'));
    const rules = (JSON.parse(json) as { CORSRules: { AllowedOrigins: string[]; AllowedMethods: string[] }[] }).CORSRules;
    assert.equal(rules.length, 1);
    assert.deepEqual(rules[0]!.AllowedOrigins, [APP_URL]);
    assert.deepEqual(rules[0]!.AllowedMethods, ['GET', 'HEAD', 'POST']);
    assert.ok(run.calls.includes(`curl --silent --output /dev/null --write-out %{http_code} --max-time 10 ${APP_URL}/api/health`));
  });

  it('changes nothing on a second run, and a third run repeats the second exactly', async () => {
    const state = newState();
    const first = await deploy([], { state });
    const second = await deploy([], { state });
    const third = await deploy([], { state });
    for (const run of [first, second, third]) assert.equal(run.code, 0, run.stderr);
    const mutating = (calls: string[]) =>
      calls.filter((call) => /^(docker (buildx build|push|login)|aws s3api put-bucket-cors|aws ecr get-login-password)/.test(call));
    assert.equal(mutating(first.calls).length, 4);
    assert.deepEqual(mutating(second.calls), []);
    assert.match(second.stderr, /already in the registry/);
    assert.match(second.stderr, /CORS already allows exactly/);
    assert.deepEqual(third.calls, second.calls);
    assert.equal(second.stdout, first.stdout);
  });

  it('runs nothing with --dry-run but prints every command', async () => {
    const run = await deploy(['--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.calls, []);
    for (const command of [
      'aws sts get-caller-identity', 'git rev-parse HEAD', 'terraform -chdir=', "docker buildx build --platform '<image_platform>'",
      "aws ecs wait services-stable --cluster '<cluster_name>' --services '<service_name>'",
      "aws ecs describe-services --cluster '<cluster_name>' --services '<service_name>'",
      'npm run --silent build:lambdas',
      "env -u AWS_ENDPOINT_URL -u AWS_ENDPOINT_URL_DYNAMODB 'AWS_REGION=<region>' 'TODOS_TABLE=<table_name>' 'LISTS_TABLE=<lists_table_name>' 'ACTIVITY_TABLE=<activity_table_name>' node --import tsx scripts/migrate.ts",
      'aws s3api put-bucket-cors', 'curl',
    ]) {
      assert.match(run.stderr, new RegExp(`^\\+ ${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    }
    assert.equal(run.stderr.match(/^\+ env .* node --import tsx scripts\/migrate\.ts$/gm)?.length, 2, 'after the apply and after the rollout');
  });

  it('tears down with --destroy: the app stack first, then the registry, building nothing', async () => {
    const run = await deploy(['--destroy']);
    assert.equal(run.code, 0, run.stderr);
    const app = indexOf(run.calls, `${stack('app')} destroy -input=false -auto-approve`);
    const registry = indexOf(run.calls, `${stack('registry')} destroy -input=false -auto-approve`);
    assert.ok(indexOf(run.calls, 'node --import tsx infra/main.ts') < app);
    assert.ok(app < registry);
    assert.equal(run.calls.filter((call) => /^docker |apply|scripts\/migrate\.ts/.test(call)).length, 0);
    assert.match(run.stderr, /is gone/);
  });

  it('deploys the environment given by --env', async () => {
    const run = await deploy(['--env', 'prod']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.calls.some((call) => call.startsWith('terraform -chdir=infra/cdktf.out/stacks/todoer-prod-app apply')));
    assert.ok(run.calls.includes(`node-env TODOER_ENV=prod TODOER_IMAGE_TAG=${SHA} AWS_REGION=us-east-1`));
  });

  it('names each missing tool and stops before running anything', async () => {
    const run = await deploy([], { without: ['docker', 'terraform'] });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /missing prerequisite: terraform is not on PATH; install Terraform/);
    assert.match(run.stderr, /missing prerequisite: docker is not on PATH; install Docker/);
    assert.deepEqual(run.calls, []);
    const destroy = await deploy(['--destroy'], { without: ['docker', 'git', 'curl'] });
    assert.equal(destroy.code, 0, `tearing down needs no docker, git or curl: ${destroy.stderr}`);
  });

  it('stops when AWS credentials are missing', async () => {
    const run = await deploy([], { env: { STUB_FAIL: 'aws sts*' } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /step "check prerequisites" failed: no valid AWS credentials/);
    assert.equal(run.calls.length, 1);
  });

  it('stops at a failing step with its name and a non-zero exit', async () => {
    const push = await deploy([], { env: { STUB_FAIL: 'docker buildx build*' } });
    assert.equal(push.code, 3);
    assert.match(push.stderr, /step "build and push image" failed \(exit 3\)/);
    assert.ok(!push.calls.some((call) => call.startsWith(`${stack('app')} apply`)), 'the app stack must not be deployed');

    const apply = await deploy([], { env: { STUB_FAIL: `${stack('app')} apply*` } });
    assert.notEqual(apply.code, 0);
    assert.match(apply.stderr, /step "deploy app stack" failed/);
    assert.ok(!apply.calls.some((call) => call.startsWith('aws ecs wait')));

    const output = await deploy([], { env: { STUB_FAIL: `${stack('registry')} output*` } });
    assert.notEqual(output.code, 0);
    assert.match(output.stderr, /step "deploy registry stack" failed/);
    assert.equal(output.stderr.match(/failed/g)?.length, 1, `one failure message: ${output.stderr}`);
  });

  it('fails the rollout when the service does not run the new image', async () => {
    const run = await deploy([], { env: { STUB_RUNNING_IMAGE: `${REPOSITORY}:previous` } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /step "roll out services" failed: the service todoer-dev-app runs .*:previous, not .*:0123456789abcdef/);
  });

  it('waits for health through CloudFront and gives up with the step name', async () => {
    const run = await deploy([], { env: { STUB_HEALTH: '503', TODOER_HEALTH_ATTEMPTS: '3' } });
    assert.equal(run.code, 1);
    assert.equal(run.calls.filter((call) => call.startsWith('curl ')).length, 3);
    assert.match(run.stderr, /step "wait for health" failed: .*\/api\/health did not answer 200 after 3 attempts/);
  });

  it('refuses to deploy uncommitted changes, since the image tag is the commit', async () => {
    const run = await deploy([], { env: { STUB_DIRTY: ' M app/page.tsx' } });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /uncommitted changes/);
    assert.ok(!run.calls.some((call) => call.startsWith('docker buildx build')));
  });
});
