/** Least privilege: no identity policy grants "*" resources, except for actions AWS offers only that way. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Testing } from 'cdktf';
import { REMINDERS_INDEX, TABLES, type TableId } from '../../lib/data/tables';
import { tableNamesOf } from '../../infra/config';
import type { PolicyStatement } from '../../infra/constructs/policy';
import { buildApp } from '../../infra/main';
import { LAMBDA_FUNCTIONS } from '../../worker/lambdas';
import { asList, policyStatements, resources, rolePolicy, synthStack, testConfig, type Synthesized, testLambdaBundles } from '../../infra/testing';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Actions without resource-level permissions: AWS accepts only "Resource": "*" for them. */
const STAR_ONLY_ACTIONS = new Set(['ecr:GetAuthorizationToken', 'rekognition:DetectLabels']);

/** Policies attached to a resource rather than to a role: they name who they allow. */
const RESOURCE_POLICIES = new Set(['aws_s3_bucket_policy', 'aws_sqs_queue_policy', 'aws_sns_topic_policy']);

/** Every way a statement can be broader than named actions on named resources. */
function violations(statements: readonly { type: string; statement: PolicyStatement }[]): string[] {
  const found: string[] = [];
  for (const { type, statement } of statements) {
    const label = `${type} ${statement.Sid ?? JSON.stringify(statement.Action)}`;
    if ('NotAction' in statement || 'NotResource' in statement) found.push(`${label}: NotAction/NotResource`);
    if (statement.Effect !== 'Allow') continue;
    const actions = asList(statement.Action);
    for (const action of actions) if (action === '*' || action.endsWith(':*')) found.push(`${label}: wildcard action ${action}`);
    if (type === 'aws_iam_role') continue;
    if (RESOURCE_POLICIES.has(type) && statement.Principal === '*') found.push(`${label}: allows anyone`);
    const resourcesOfStatement = asList(statement.Resource);
    if (resourcesOfStatement.includes('*')) {
      const broad = actions.filter((action) => !STAR_ONLY_ACTIONS.has(action));
      if (broad.length > 0) found.push(`${label}: "Resource": "*" for ${broad.join(', ')}`);
    }
    for (const resource of resourcesOfStatement) {
      if (resource !== '*' && /^arn:aws:[^:]*:[^:]*:[^:]*:\*$/.test(resource)) found.push(`${label}: every resource of a service (${resource})`);
      // DynamoDB indexes are named one by one: a new index is granted by adding it to lib/data/tables.ts.
      if (/\/index\/\*$/.test(resource)) found.push(`${label}: every index of a table (${resource})`);
    }
  }
  return found;
}

function synthesizedStacks(env: Record<string, string>): Synthesized[] {
  const stacks = buildApp(Testing.app(), testConfig(env), testLambdaBundles());
  return [synthStack(stacks.registry), synthStack(stacks.app)];
}

describe('IAM least privilege', () => {
  // Every size: personal (dev's default), standard, and ha with an SES sender.
  const stacks = [
    ...synthesizedStacks({ TODOER_ENV: 'dev' }),
    ...synthesizedStacks({ TODOER_ENV: 'dev', TODOER_SIZE: 'standard' }),
    ...synthesizedStacks({ TODOER_ENV: 'prod', TODOER_EMAIL_FROM: 'noreply@example.com' }),
  ];

  it('the check itself catches what it must', () => {
    const bad = violations([
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: '*' } },
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:us-east-1:1:table/t' } },
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: ['rekognition:DetectLabels', 's3:PutObject'], Resource: '*' } },
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:1:*' } },
      { type: 'aws_sqs_queue_policy', statement: { Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:1:q' } },
      { type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 'dynamodb:Query', Resource: '${aws_dynamodb_table.t.arn}/index/*' } },
    ]);
    assert.equal(bad.length, 6, bad.join('\n'));
    assert.deepEqual(violations([{ type: 'aws_iam_role_policy', statement: { Effect: 'Allow', Action: 'rekognition:DetectLabels', Resource: '*' } }]), []);
  });

  it('finds no "Resource": "*" except for actions AWS allows only that way, and no wildcard actions', () => {
    const statements = stacks.flatMap((stack) => policyStatements(stack));
    assert.ok(statements.length > 10);
    assert.deepEqual(violations(statements), []);
  });

  it('attaches no managed policies, whose contents this test could not see', () => {
    for (const stack of stacks) {
      assert.deepEqual(resources(stack, 'aws_iam_role_policy_attachment'), []);
      assert.ok(resources(stack, 'aws_iam_role').every((role) => role.managed_policy_arns === undefined));
    }
  });

  it('lets only ECS tasks assume the task roles, and only Lambda the consumer roles', () => {
    for (const stack of stacks) {
      for (const role of resources(stack, 'aws_iam_role')) {
        const [statement, ...more] = (JSON.parse(String(role.assume_role_policy)) as { Statement: PolicyStatement[] }).Statement;
        assert.deepEqual(more, [], String(role.name));
        // A scheduled consumer's schedule invokes it with a role of its own (`…-consumer-schedule`).
        const name = String(role.name);
        const service = name.endsWith('-consumer') ? 'lambda.amazonaws.com' : name.endsWith('-consumer-schedule') ? 'scheduler.amazonaws.com' : 'ecs-tasks.amazonaws.com';
        assert.deepEqual(statement!.Principal, { Service: service }, String(role.name));
        assert.equal(statement!.Action, 'sts:AssumeRole');
      }
    }
    assert.ok(stacks.some((stack) => resources(stack, 'aws_iam_role').some((role) => String(role.name).endsWith('-consumer'))));
  });
});

/**
 * The DynamoDB actions each table's code sends, read from the source: every `new <X>Command(` of the
 * DynamoDB clients, attributed to the table its arguments name (a `<TABLE>_TABLE` setting, or a local
 * `const x = () => env().<TABLE>_TABLE` called in them), else to the one table the file names. A module
 * that sends commands but names no table (lib/aws/batch-delete.ts) lends its
 * actions to the modules that import it. What the test cannot attribute fails it, with the file's name:
 * name the table in the command's arguments, or split the file.
 */
const COMMAND_ACTIONS: Record<string, string> = {
  GetCommand: 'GetItem', GetItemCommand: 'GetItem',
  PutCommand: 'PutItem', PutItemCommand: 'PutItem',
  UpdateCommand: 'UpdateItem', UpdateItemCommand: 'UpdateItem',
  DeleteCommand: 'DeleteItem', DeleteItemCommand: 'DeleteItem',
  QueryCommand: 'Query', ScanCommand: 'Scan',
  BatchGetCommand: 'BatchGetItem', BatchGetItemCommand: 'BatchGetItem',
  BatchWriteCommand: 'BatchWriteItem', BatchWriteItemCommand: 'BatchWriteItem',
  TransactGetCommand: 'TransactGetItems', TransactGetItemsCommand: 'TransactGetItems',
  TransactWriteCommand: 'TransactWriteItems', TransactWriteItemsCommand: 'TransactWriteItems',
  DescribeTableCommand: 'DescribeTable', ExecuteStatementCommand: 'PartiQL', BatchExecuteStatementCommand: 'PartiQL',
};
const TABLE_SETTINGS: Record<string, TableId> = {
  TODOS_TABLE: 'todos',
  LISTS_TABLE: 'lists',
  ACTIVITY_TABLE: 'activity',
  OUTBOX_TABLE: 'outbox',
  SESSIONS_TABLE: 'sessions',
  RATE_LIMITS_TABLE: 'rateLimits',
  REMINDERS_TABLE: 'reminders',
};

/** The indexes each consumer queries (its IndexName): its role gets Query on those and no other. */
const CONSUMER_INDEXES: Record<string, Partial<Record<TableId, readonly string[]>>> = { activity: {}, reminder: { reminders: [REMINDERS_INDEX.due] } };

/**
 * Libraries that send DynamoDB calls themselves, and which of their client methods a module importing
 * them reaches: rate-limiter-flexible's RateLimiterDynamo, made with `tableCreated` and `ttlSet` (so it
 * never creates a table or sets its TTL), gets, updates and deletes counters.
 */
const LIBRARY_ACTIONS: Record<string, { readonly source: string; readonly methods: Record<string, string> }> = {
  'rate-limiter-flexible': {
    source: 'node_modules/rate-limiter-flexible/lib/RateLimiterDynamo.js',
    methods: { getItem: 'GetItem', updateItem: 'UpdateItem', deleteItem: 'DeleteItem' },
  },
};

type SourceFile = {
  readonly file: string;
  /** Actions whose table the file names. */
  readonly sends: Map<TableId, Set<string>>;
  /** Actions of a module that names no table: they go to its importers' table. */
  readonly lends: Set<string>;
  readonly tables: Set<TableId>;
  readonly imports: string[];
};

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : undefined;
  if (!base) return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')].find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
}

/** The text between the parenthesis at `open` and the one that closes it. */
function argumentsAt(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i += 1) {
    if (text[i] === '(') depth += 1;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

function readSource(file: string): SourceFile {
  const text = readFileSync(file, 'utf8');
  const relative = path.relative(ROOT, file);
  const tableSettings = (code: string) => [...code.matchAll(/\b([A-Z][A-Z_]*_TABLE)\b/g)].flatMap(([, setting]) => (TABLE_SETTINGS[setting!] ? [TABLE_SETTINGS[setting!]!] : []));
  const tables = new Set(tableSettings(text));
  const accessors = new Map(
    [...text.matchAll(/\bconst\s+(\w+)\s*=\s*\(\)\s*=>\s*env\(\)\.([A-Z][A-Z_]*_TABLE)\b/g)].flatMap(([, name, setting]) =>
      TABLE_SETTINGS[setting!] ? [[name!, TABLE_SETTINGS[setting!]!] as const] : [],
    ),
  );
  const sends = new Map<TableId, Set<string>>();
  const lends = new Set<string>();
  for (const match of text.matchAll(/\bnew\s+(\w+Command)\s*\(/g)) {
    const action = COMMAND_ACTIONS[match[1]!];
    if (!action) continue;
    const args = argumentsAt(text, match.index + match[0].length - 1);
    const named = new Set([
      ...tableSettings(args),
      ...[...accessors].filter(([name]) => new RegExp(`\\b${name}\\s*\\(\\s*\\)`).test(args)).map(([, table]) => table),
    ]);
    assert.ok(named.size <= 1, `${relative}: one ${match[1]} names several tables (${[...named].join(', ')})`);
    const table = named.size === 1 ? [...named][0]! : tables.size === 1 ? [...tables][0]! : undefined;
    if (table) (sends.get(table) ?? sends.set(table, new Set<string>()).get(table)!).add(action);
    else {
      assert.equal(tables.size, 0, `${relative}: a ${match[1]} whose arguments name none of the tables the file reads (${[...tables].join(', ')})`);
      lends.add(action);
    }
  }
  const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].flatMap(([, specifier]) => resolveImport(file, specifier!) ?? []);
  return { file, sends, lends, tables, imports };
}

/** Per table, the actions a body of code sends, and which file sends each (for the failure message). */
function actionsByTable(files: readonly string[]): Map<TableId, Map<string, string>> {
  const sources = new Map<string, SourceFile>();
  const load = (file: string) => sources.get(file) ?? (sources.set(file, readSource(file)), sources.get(file)!);
  const borrowed = new Set<string>();
  /** What the table-less helpers a file imports (transitively, through other table-less modules) send. */
  const lentTo = (source: SourceFile, seen = new Set<string>([source.file])): Set<string> => {
    const all = new Set<string>();
    for (const imported of source.imports) {
      if (seen.has(imported)) continue;
      seen.add(imported);
      const helper = load(imported);
      if (helper.tables.size > 0) continue;
      if (helper.lends.size > 0) borrowed.add(imported);
      for (const action of [...helper.lends, ...lentTo(helper, seen)]) all.add(action);
    }
    return all;
  };
  const found = new Map<TableId, Map<string, string>>();
  const record = (table: TableId, action: string, file: string) => {
    const byAction = found.get(table) ?? found.set(table, new Map<string, string>()).get(table)!;
    if (!byAction.has(action)) byAction.set(action, path.relative(ROOT, file));
  };
  const senders = files.map(load);
  for (const source of senders) {
    for (const [table, actions] of source.sends) for (const action of actions) record(table, action, source.file);
    for (const [library, { methods }] of Object.entries(LIBRARY_ACTIONS)) {
      if (!readFileSync(source.file, 'utf8').includes(`from '${library}'`)) continue;
      assert.equal(source.tables.size, 1, `${path.relative(ROOT, source.file)} uses ${library}: name exactly one table in it`);
      for (const action of Object.values(methods)) record([...source.tables][0]!, action, source.file);
    }
    if (source.tables.size === 0) continue;
    const lent = lentTo(source);
    if (lent.size === 0) continue;
    assert.equal(source.tables.size, 1, `${path.relative(ROOT, source.file)} reads several tables and imports a helper that sends commands: this test cannot tell which table gets them`);
    for (const action of lent) record([...source.tables][0]!, action, source.file);
  }
  for (const source of senders) {
    if (source.lends.size > 0) {
      assert.ok(borrowed.has(source.file), `${path.relative(ROOT, source.file)} sends DynamoDB commands to a table it does not name, and no module that names one imports it`);
    }
  }
  return found;
}

/** A handler's entry and every local module it imports, transitively: the code its bundle holds. */
function handlerCode(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of readSource(file).imports) visit(imported);
  };
  visit(entry);
  return [...seen];
}

/** Per table ARN (`${aws_dynamodb_table.<address>.arn}`), the DynamoDB actions a role's policy grants on it, and on its indexes. */
function dynamodbGrants(statements: readonly PolicyStatement[]): Map<string, { table: Set<string>; indexes: Map<string, Set<string>> }> {
  const grants = new Map<string, { table: Set<string>; indexes: Map<string, Set<string>> }>();
  for (const statement of statements) {
    for (const action of asList(statement.Action).filter((name) => name.startsWith('dynamodb:'))) {
      for (const resource of asList(statement.Resource)) {
        const [, tableArn, index] = /^(\$\{aws_dynamodb_table\.[^}]+\.arn\})(?:\/index\/(.+))?$/.exec(resource) ?? [];
        assert.ok(tableArn, `a DynamoDB grant on something other than a table of this stack or its index: ${resource}`);
        const entry = grants.get(tableArn) ?? { table: new Set<string>(), indexes: new Map<string, Set<string>>() };
        const target = index ? (entry.indexes.get(index) ?? entry.indexes.set(index, new Set<string>()).get(index)!) : entry.table;
        target.add(action.slice('dynamodb:'.length));
        grants.set(tableArn, entry);
      }
    }
  }
  return grants;
}

/**
 * The Secrets Manager actions a body of code sends, each with a file that sends it: every `new <X>Command(`
 * in a file that imports the Secrets Manager client, as `secretsmanager:<X>`.
 */
function secretsManagerActions(files: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes("from '@aws-sdk/client-secrets-manager'")) continue;
    for (const [, command] of text.matchAll(/\bnew\s+(\w+)Command\s*\(/g)) {
      const action = `secretsmanager:${command!}`;
      if (!found.has(action)) found.set(action, path.relative(ROOT, file));
    }
  }
  return found;
}

/** The Secrets Manager actions a role's statements grant, on whatever secret. */
const secretsManagerGrants = (statements: readonly PolicyStatement[]) =>
  new Set(statements.flatMap((statement) => asList(statement.Action)).filter((action) => action.startsWith('secretsmanager:')));

describe('IAM matches the code: the DynamoDB actions granted are the ones the code sends', () => {
  // Any size: the app's task role and the consumer functions' roles are apart in all of them.
  const config = testConfig({ TODOER_ENV: 'dev', TODOER_SIZE: 'standard' });
  const app = synthStack(buildApp(Testing.app(), config, testLambdaBundles()).app);
  const arnOf = Object.fromEntries(
    Object.entries(app.resource.aws_dynamodb_table ?? {}).map(([address, block]) => [String(block.name), `\${aws_dynamodb_table.${address}.arn}`]),
  );
  const tableArn = (id: TableId) => arnOf[tableNamesOf(config)[id]]!;
  const appCode = [...['lib', 'app'].flatMap((directory) => sourceFiles(path.join(ROOT, directory))), path.join(ROOT, 'proxy.ts'), path.join(ROOT, 'instrumentation.ts')].filter(
    (file) => existsSync(file),
  );

  it("grants the app's task role, per table, exactly the actions lib/ and app/ send to it", () => {
    const sent = actionsByTable(appCode);
    const granted = dynamodbGrants(rolePolicy(app, 'app'));
    for (const id of Object.keys(TABLES) as TableId[]) {
      const code = sent.get(id) ?? new Map<string, string>();
      const allowed = granted.get(tableArn(id))?.table ?? new Set<string>();
      const missing = [...code].filter(([action]) => !allowed.has(action)).map(([action, file]) => `${action} (sent by ${file})`);
      const unused = [...allowed].filter((action) => !code.has(action));
      assert.deepEqual(missing, [], `${id}: the code sends what the task role does not grant; add it in infra/constructs/app-permissions.ts`);
      assert.deepEqual(unused, [], `${id}: the task role grants what no code sends; remove it from infra/constructs/app-permissions.ts`);
    }
  });

  it('grants Query, and only Query, on every index of lib/data/tables.ts, each by its own ARN', () => {
    const granted = dynamodbGrants(rolePolicy(app, 'app'));
    for (const id of Object.keys(TABLES) as TableId[]) {
      const indexes = granted.get(tableArn(id))?.indexes ?? new Map<string, Set<string>>();
      assert.deepEqual([...indexes.keys()].sort(), TABLES[id].indexes.map((index) => index.name).sort(), id);
      for (const [index, actions] of indexes) assert.deepEqual([...actions], ['Query'], `${id} ${index}`);
    }
  });

  it("grants each consumer function's role exactly what its handler's code sends (worker/, followed from its entry)", () => {
    for (const [name, { entry }] of Object.entries(LAMBDA_FUNCTIONS)) {
      const sent = actionsByTable(handlerCode(path.join(ROOT, entry)));
      const granted = dynamodbGrants(rolePolicy(app, `${config.prefix}-${name}-consumer`));
      assert.deepEqual([...granted.keys()].sort(), [...sent.keys()].map(tableArn).sort(), `${name}: the tables its role names are the ones its code sends to`);
      for (const [id, actions] of sent) {
        assert.deepEqual([...granted.get(tableArn(id))!.table].sort(), [...actions.keys()].sort(), `${name} on ${id}`);
        const indexes = granted.get(tableArn(id))!.indexes;
        assert.deepEqual([...indexes.keys()].sort(), [...(CONSUMER_INDEXES[name]?.[id] ?? [])].sort(), `${name} on ${id}: the indexes it queries, and only those`);
        for (const [index, actions] of indexes) assert.deepEqual([...actions], ['Query'], `${name} on ${id} ${index}`);
      }
    }
  });

  it('reads the activity consumer as PutItem on activity and GetItem on sessions (the reading of the handler works)', () => {
    const sent = actionsByTable(handlerCode(path.join(ROOT, LAMBDA_FUNCTIONS.activity.entry)));
    assert.deepEqual(Object.fromEntries([...sent].map(([id, actions]) => [id, [...actions.keys()]])), { activity: ['PutItem'], sessions: ['GetItem'] });
  });

  it("knows what the DynamoDB libraries it lists call: their own source says so", () => {
    for (const [library, { source, methods }] of Object.entries(LIBRARY_ACTIONS)) {
      const text = readFileSync(path.join(ROOT, source), 'utf8');
      const called = new Set([...text.matchAll(/\bthis\._?client\.(\w+)\(/g)].map(([, method]) => method!));
      // Table and TTL set-up are skipped by the options lib/auth/limits.ts passes; the rest must be listed.
      for (const setUp of ['createTable', 'updateTimeToLive', 'describeTimeToLive']) called.delete(setUp);
      assert.deepEqual([...called].sort(), Object.keys(methods).sort(), library);
    }
  });

  it('reads the reminder consumer as its claims, notifications and cancellations, the task and the membership', () => {
    const sent = actionsByTable(handlerCode(path.join(ROOT, LAMBDA_FUNCTIONS.reminder.entry)));
    assert.deepEqual(Object.fromEntries([...sent].map(([id, actions]) => [id, [...actions.keys()].sort()])), {
      reminders: ['DeleteItem', 'PutItem', 'Query', 'UpdateItem'],
      todos: ['GetItem'],
      lists: ['BatchGetItem'],
    });
  });

  it("grants each consumer's role exactly the Secrets Manager actions its handler's code sends, and the app's task role none", () => {
    for (const name of Object.keys(LAMBDA_FUNCTIONS) as (keyof typeof LAMBDA_FUNCTIONS)[]) {
      const sent = secretsManagerActions(handlerCode(path.join(ROOT, LAMBDA_FUNCTIONS[name].entry)));
      const granted = secretsManagerGrants(rolePolicy(app, `${config.prefix}-${name}-consumer`));
      assert.deepEqual([...granted].sort(), [...sent.keys()].sort(), `${name}: ${JSON.stringify(Object.fromEntries(sent))}`);
    }
    // ECS reads the container's secrets with the execution role; the app's own code reads none.
    assert.deepEqual([...secretsManagerActions(appCode).keys()], []);
    assert.deepEqual([...secretsManagerGrants(rolePolicy(app, 'app'))], []);
  });

  it('reads the reminder consumer as GetSecretValue, from worker/vapid-keys-source.ts (the reading of the handler works)', () => {
    const sent = secretsManagerActions(handlerCode(path.join(ROOT, LAMBDA_FUNCTIONS.reminder.entry)));
    assert.deepEqual(Object.fromEntries(sent), { 'secretsmanager:GetSecretValue': 'worker/vapid-keys-source.ts' });
  });

  it('finds the commands it looks for (the reading of the code works)', () => {
    const sent = actionsByTable(appCode);
    assert.ok(sent.get('lists')?.has('BatchGetItem'), 'lib/lists/repository.ts reads the list and the membership with BatchGetItem');
    assert.equal(sent.get('todos')?.get('BatchWriteItem'), 'lib/tasks/repository.ts', 'through lib/aws/batch-delete.ts');
    assert.equal(sent.get('todos')?.get('DescribeTable'), 'lib/health.ts');
  });
});
