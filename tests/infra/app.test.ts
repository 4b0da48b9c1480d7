/** The whole app: `infra/main.ts` synthesized as `cdktf synth` does, and the stacks' wiring. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Testing } from 'cdktf';
import { buildApp } from '../../infra/main';
import { TRUSTED_PROXY_HOPS } from '../../infra/stacks/app-stack';
import { containers, resources, rolePolicy, single, synthStack, testConfig, testLambdaBundles } from '../../infra/testing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outdir = mkdtempSync(path.join(tmpdir(), 'todoer-synth-'));
after(() => rmSync(outdir, { recursive: true, force: true }));

function run(command: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** The environment without the deployer's own TODOER_* settings, so the test sees the defaults. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TODOER_') && !name.startsWith('CDKTF_') && name !== 'SYNTH_HCL_OUTPUT'));
  return { ...env, NODE_ENV: 'test', ...extra };
}

type Container = { environment: { name: string; value: string }[]; secrets: { name: string; valueFrom: string }[] };

describe('the CDKTF app', () => {
  const stacks = buildApp(Testing.app(), testConfig(), testLambdaBundles());
  const app = synthStack(stacks.app);
  const registry = synthStack(stacks.registry);
  const [container] = containers<Container>(app, 'todoer-dev-app');
  const environment = Object.fromEntries(container!.environment.map(({ name, value }) => [name, value]));

  it('synthesizes every stack of dev and prod with `node --import tsx infra/main.ts`, as cdktf synth runs it', async () => {
    const results = await Promise.all(
      ['dev', 'prod'].map((name) =>
        run([process.execPath, '--import', 'tsx', 'infra/main.ts'], cleanEnv({ TODOER_ENV: name, CDKTF_OUTDIR: path.join(outdir, name), AWS_REGION: 'eu-west-1' })),
      ),
    );
    for (const [i, name] of ['dev', 'prod'].entries()) {
      assert.equal(results[i]!.code, 0, results[i]!.output);
      const manifest = JSON.parse(readFileSync(path.join(outdir, name, 'manifest.json'), 'utf8')) as { stacks: Record<string, { synthesizedStackPath: string }> };
      assert.deepEqual(Object.keys(manifest.stacks).sort(), [`todoer-${name}-app`, `todoer-${name}-registry`]);
      for (const stack of Object.values(manifest.stacks)) assert.ok(existsSync(path.join(outdir, name, stack.synthesizedStackPath)));
      const synthesized = JSON.parse(readFileSync(path.join(outdir, name, 'stacks', `todoer-${name}-app`, 'cdk.tf.json'), 'utf8')) as {
        provider: { aws: { region: string }[] };
        resource: Record<string, unknown>;
      };
      assert.equal(synthesized.provider.aws[0]!.region, 'eu-west-1');
      assert.ok(Object.keys(synthesized.resource).length > 30);
    }
  });

  it('writes HCL instead when asked (SYNTH_HCL_OUTPUT, as `cdktf synth --hcl`): the way to plain Terraform', async () => {
    const hcl = path.join(outdir, 'hcl');
    const result = await run([process.execPath, '--import', 'tsx', 'infra/main.ts'], cleanEnv({ SYNTH_HCL_OUTPUT: 'true', CDKTF_OUTDIR: hcl }));
    assert.equal(result.code, 0, result.output);
    const text = readFileSync(path.join(hcl, 'stacks', 'todoer-dev-app', 'cdk.tf'), 'utf8');
    assert.match(text, /resource "aws_ecs_service" "service_[0-9A-F]{8}" \{/);
    assert.match(text, /resource "aws_dynamodb_table" "data_todos_[0-9A-F]{8}" \{/);
  });

  it('fails the synth with a clear message on a bad setting', async () => {
    const result = await run([process.execPath, '--import', 'tsx', 'infra/main.ts'], cleanEnv({ TODOER_ENV: 'qa', CDKTF_OUTDIR: path.join(outdir, 'bad') }));
    assert.notEqual(result.code, 0);
    assert.match(result.output, /TODOER_ENV must be one of dev, prod/);
  });

  it('outputs the app URL and everything the app and deploy.sh need', () => {
    for (const name of [
      'app_url', 'cluster_name', 'service_name', 'bucket_name', 'table_name', 'user_pool_id', 'user_pool_client_id', 'cloudfront_distribution_id', 'region', 'image', 'log_group_name',
      'events_topic_arn', 'events_queue_url', 'events_dlq_url', 'activity_table_name', 'outbox_table_name', 'activity_consumer_function_name', 'activity_consumer_log_group_name',
      'lists_table_name',
    ]) {
      assert.ok(app.output[name], `output ${name}`);
    }
    assert.match(String(app.output.app_url!.value), /^https:\/\/\$\{aws_cloudfront_distribution\./);
    assert.deepEqual(Object.keys(registry.output).sort(), ['image_platform', 'image_tag', 'repository_name', 'repository_url']);
    // What deploy.sh builds: the tag the app stack runs, for the platform its tasks run on.
    assert.equal(registry.output.image_tag!.value, '0123456789abcdef0123456789abcdef01234567-arm64');
    assert.equal(registry.output.image_platform!.value, 'linux/arm64');
    assert.match(String(app.output.image!.value), /:0123456789abcdef0123456789abcdef01234567-arm64$/);
  });

  it('gives the container every variable lib/env.ts needs in cloud mode, and parseEnv accepts them', async () => {
    assert.equal(environment.APP_MODE, 'cloud');
    assert.equal(environment.APP_ORIGIN, app.output.app_url!.value);
    // CloudFront appends the viewer, the load balancer appends CloudFront: the client is 2 from the end.
    assert.equal(environment.TRUSTED_PROXY_HOPS, '2');
    assert.equal(TRUSTED_PROXY_HOPS, 2);
    assert.match(environment.COGNITO_USER_POOL_ID!, /aws_cognito_user_pool\./);
    assert.equal(environment.TODOS_TABLE, '${aws_dynamodb_table.data_todos_BF7D7A94.name}');
    assert.equal(environment.LISTS_TABLE, '${aws_dynamodb_table.data_lists_CE863C4A.name}');
    // deploy.sh's migration reads the same tables from the outputs.
    assert.equal(app.output.table_name!.value, environment.TODOS_TABLE);
    assert.equal(app.output.lists_table_name!.value, environment.LISTS_TABLE);
    assert.equal(app.output.activity_table_name!.value, environment.ACTIVITY_TABLE);
    assert.match(environment.ATTACHMENTS_BUCKET!, /aws_s3_bucket\./);
    assert.match(environment.EVENTS_TOPIC_ARN!, /^\$\{aws_sns_topic\.[^}]+\.arn\}$/);
    assert.match(environment.ACTIVITY_TABLE!, /^\$\{aws_dynamodb_table\.activity_[0-9A-F]{8}\.name\}$/);
    assert.match(environment.OUTBOX_TABLE!, /^\$\{aws_dynamodb_table\.activity_outbox_[^}]+\.name\}$/);
    // Terraform fills the references at apply time; stand-ins of the right shape let parseEnv judge the rest.
    const standIns: Record<string, string> = {
      APP_ORIGIN: 'https://d1234abcd.cloudfront.net',
      COGNITO_USER_POOL_ID: 'us-east-1_AbC123',
      CLOUDFRONT_URL: 'https://d1234abcd.cloudfront.net',
      EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:todoer-dev-task-events',
      // The TLS provider's public key PEM, which lib/env.ts reads as the raw key browsers need.
      VAPID_PUBLIC_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }) as string,
    };
    const resolved = Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, value.includes('${') ? (standIns[name] ?? 'resolved-at-apply') : value]));
    for (const { name } of container!.secrets) resolved[name] = 's'.repeat(64);
    const check = `const { parseEnv } = await import(${JSON.stringify(path.join(ROOT, 'lib', 'env.ts'))});
      try { parseEnv(JSON.parse(process.argv[1])); } catch (error) { console.error(error.message); process.exit(1); }`;
    const result = await run(
      [process.execPath, '--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', check, JSON.stringify(resolved)],
      cleanEnv({}),
    );
    assert.equal(result.code, 0, `the task definition misses configuration: ${result.output}`);
  });

  it('keeps secrets out of the plain environment: ECS reads them from Secrets Manager', () => {
    const secretArns = Object.fromEntries(container!.secrets.map(({ name, valueFrom }) => [name, valueFrom]));
    assert.deepEqual(Object.keys(secretArns).sort(), ['CLOUDFRONT_PRIVATE_KEY', 'CURSOR_SECRET']);
    assert.match(secretArns.CURSOR_SECRET!, /^\$\{aws_secretsmanager_secret\.secrets_cursor-secret_[0-9A-F]{8}\.arn\}$/);
    assert.match(secretArns.CLOUDFRONT_PRIVATE_KEY!, /^\$\{aws_secretsmanager_secret\.secrets_cloudfront-signing-key-1_[0-9A-F]{8}\.arn\}$/);
    assert.deepEqual(
      resources(app, 'aws_secretsmanager_secret').map((secret) => [secret.name, secret.recovery_window_in_days]).sort(),
      [['todoer-dev/cloudfront-signing-key-1', 0], ['todoer-dev/cursor-secret', 0], ['todoer-dev/web-push-private-key', 0]],
    );
    assert.equal(app.resource.aws_ssm_parameter, undefined, 'no SSM parameter holds a secret any more');
    const read = rolePolicy(app, 'pull-image-write-logs-read-secrets').find((statement) => statement.Sid === 'ReadSecrets');
    assert.deepEqual(read, { Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: [secretArns.CURSOR_SECRET, secretArns.CLOUDFRONT_PRIVATE_KEY] });
    assert.ok(!JSON.stringify(rolePolicy(app, 'pull-image-write-logs-read-secrets')).includes('kms:'), 'the AWS managed key needs no kms:Decrypt');
  });

  it('writes the secret values write-only: the cursor secret never enters the state, the signing and Web Push keys once', () => {
    const versions = resources(app, 'aws_secretsmanager_secret_version');
    assert.equal(versions.length, 3);
    for (const version of versions) {
      assert.equal(version.secret_string, undefined);
      assert.equal(version.secret_string_wo_version, 1);
    }
    const bySecret = Object.fromEntries(versions.map((version) => [String(version.secret_id).replace(/_[0-9A-F]{8}\.id\}$/, ''), version.secret_string_wo]));
    assert.equal(bySecret['${aws_secretsmanager_secret.secrets_cursor-secret'], '${ephemeral.random_password.cursor_secret.result}');
    assert.match(String(bySecret['${aws_secretsmanager_secret.secrets_cloudfront-signing-key-1']), /^\$\{tls_private_key\.secrets_signing-key-1_[0-9A-F]{8}\.private_key_pem\}$/);
    assert.match(String(bySecret['${aws_secretsmanager_secret.secrets_web-push-private-key']), /^\$\{tls_private_key\.secrets_web-push-key_[0-9A-F]{8}\.private_key_pem\}$/);
    const ephemeral = (JSON.parse(app.json) as { ephemeral?: Record<string, Record<string, unknown>> }).ephemeral;
    assert.deepEqual(ephemeral, { random_password: { cursor_secret: { length: 64, special: false } } });
    // Write-only arguments need Terraform 1.11.
    assert.equal(app.terraform.required_version, '>= 1.11.0');
    assert.equal(registry.terraform.required_version, '>= 1.11.0');
  });

  it('sends the app\'s email from the configured SES sender: EMAIL_FROM, and SendEmail on that identity only', async () => {
    assert.equal(environment.EMAIL_FROM, undefined, 'no sender configured: the app answers email sends with 503');
    assert.ok(!rolePolicy(app, 'app').some((statement) => statement.Sid === 'SendEmail'));
    const withSes = synthStack(buildApp(Testing.app(), testConfig({ TODOER_EMAIL_FROM: 'Todoer <noreply@example.com>' }), testLambdaBundles()).app);
    const [sender] = containers<Container>(withSes, 'todoer-dev-app');
    const sesEnv = Object.fromEntries(sender!.environment.map(({ name, value }) => [name, value]));
    assert.equal(sesEnv.EMAIL_FROM, 'Todoer <noreply@example.com>');
    const identity = 'arn:aws:ses:us-east-1:${data.aws_caller_identity.account.account_id}:identity/example.com';
    assert.deepEqual(rolePolicy(withSes, 'app').find((statement) => statement.Sid === 'SendEmail'), {
      Sid: 'SendEmail',
      Effect: 'Allow',
      Action: 'ses:SendEmail',
      Resource: identity,
    });
    assert.equal((single(withSes, 'aws_cognito_user_pool').email_configuration as { source_arn: string }).source_arn, identity);
    // lib/env.ts accepts the address as written.
    const check = `const { parseEnv } = await import(${JSON.stringify(path.join(ROOT, 'lib', 'env.ts'))});
      const env = parseEnv({ APP_MODE: 'cloud', AWS_REGION: 'us-east-1', APP_ORIGIN: 'https://d1.cloudfront.net', COGNITO_USER_POOL_ID: 'us-east-1_AbC123',
        COGNITO_CLIENT_ID: 'c', ATTACHMENTS_BUCKET: 'bucket', EVENTS_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:t', CURSOR_SECRET: 's'.repeat(64),
        EMAIL_FROM: process.argv[1] });
      if (env.EMAIL_FROM !== process.argv[1]) process.exit(1);`;
    const result = await run(
      [process.execPath, '--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', check, sesEnv.EMAIL_FROM!],
      cleanEnv({}),
    );
    assert.equal(result.code, 0, result.output);
  });

  it("allows CORS for exactly the app's origin", () => {
    const rules = single(app, 'aws_s3_bucket_cors_configuration').cors_rule as { allowed_origins: string[] }[];
    assert.deepEqual(rules.map((rule) => rule.allowed_origins), [[environment.APP_ORIGIN]]);
  });

  it('grants the task exactly its tables, each index by name, users/* objects and DetectLabels', () => {
    const bySid = Object.fromEntries([...rolePolicy(app, 'app'), ...rolePolicy(app, 'pull-image-write-logs-read-secrets')].map((statement) => [statement.Sid, statement]));
    const todos = '${aws_dynamodb_table.data_todos_BF7D7A94.arn}';
    const lists = '${aws_dynamodb_table.data_lists_CE863C4A.arn}';
    assert.equal(bySid.TasksTable?.Resource, todos);
    assert.deepEqual(
      bySid.TasksIndexes?.Resource,
      ['CreatedAtIndex', 'TaskIdIndex', 'ListTasksIndex', 'ListOpenIndex', 'ListManualIndex', 'ListDueIndex', 'ListPriorityIndex', 'ListDoneIndex', 'ListChangesIndex', 'PendingEventsIndex'].map(
        (index) => `${todos}/index/${index}`,
      ),
    );
    assert.equal(bySid.ListsTable?.Resource, lists);
    assert.deepEqual(bySid.ListsIndexes?.Resource, [`${lists}/index/MemberListsIndex`, `${lists}/index/InviteeIndex`]);
    for (const sid of ['TasksIndexes', 'ListsIndexes', 'TaskActivityIndexes']) assert.equal(bySid[sid]?.Action, 'dynamodb:Query', sid);
    assert.match(String(bySid.AttachmentObjects?.Resource), /^\$\{aws_s3_bucket\.[^}]+\.arn\}\/users\/\*$/);
    assert.match(String(bySid.StagedUploads?.Resource), /^\$\{aws_s3_bucket\.[^}]+\.arn\}\/staging\/\*$/);
    // CopyObject reads staging/ and writes users/; the presigned POST writes staging/ with the app's signature.
    for (const sid of ['AttachmentObjects', 'StagedUploads']) assert.deepEqual(bySid[sid]?.Action, ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], sid);
    assert.deepEqual(bySid.ListAttachmentObjects?.Condition, { StringLikeIfExists: { 's3:prefix': ['users/*', 'staging/*'] } });
    assert.equal(bySid.LabelImages?.Action, 'rekognition:DetectLabels');
    assert.match(String(bySid.PullAppImage?.Resource), /data\.aws_ecr_repository\./);
  });

  it('keeps state locally by default and in S3, encrypted and locked, when configured', () => {
    assert.deepEqual(app.terraform.backend, { local: { path: '/tmp/todoer-state/todoer-dev-app.tfstate' } });
    const remote = buildApp(Testing.app(), testConfig({ TODOER_STATE_BUCKET: 'todoer-state', AWS_REGION: 'eu-west-1' }), testLambdaBundles());
    assert.deepEqual(synthStack(remote.registry).terraform.backend, {
      s3: { bucket: 'todoer-state', key: 'todoer/todoer-dev-registry.tfstate', region: 'eu-west-1', encrypt: true, use_lockfile: true },
    });
    const locked = buildApp(Testing.app(), testConfig({ TODOER_STATE_BUCKET: 'todoer-state', TODOER_STATE_LOCK_TABLE: 'locks' }), testLambdaBundles());
    const backend = synthStack(locked.app).terraform.backend as { s3: Record<string, unknown> };
    assert.equal(backend.s3.dynamodb_table, 'locks');
    assert.equal(backend.s3.use_lockfile, undefined);
  });

  it('tags every resource with its project and environment', () => {
    const [aws] = app.provider.aws as { default_tags: { tags: Record<string, string> }[] }[];
    assert.deepEqual(aws!.default_tags[0]!.tags, { Project: 'todoer', Environment: 'dev', Stack: 'todoer-dev-app', ManagedBy: 'cdktf' });
  });
});
