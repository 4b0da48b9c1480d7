/**
 * Settings per environment and size. Defaults live here; the environment (what deploy.sh exports) and the
 * CDKTF context (`cdktf.json` or `-c key=value`) override them. One function reads them all, once.
 *
 * Two dimensions: the environment (dev, prod) names things and decides how data is kept; the size
 * (personal, standard, ha) decides what runs and what it costs. dev defaults to personal, prod to ha.
 */

import type { TableId } from '../lib/data/tables';

export const ENVIRONMENTS = ['dev', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export const SIZES = ['personal', 'standard', 'ha'] as const;
export type SizeName = (typeof SIZES)[number];

export const CPU_ARCHITECTURES = ['ARM64', 'X86_64'] as const;
export type CpuArchitecture = (typeof CPU_ARCHITECTURES)[number];

/** Cognito threat protection (advanced security): watch and report only, or act on risky sign-ins. */
export const THREAT_PROTECTION_MODES = ['OFF', 'AUDIT', 'ENFORCED'] as const;
export type ThreatProtectionMode = (typeof THREAT_PROTECTION_MODES)[number];

/** Where Terraform keeps state: an S3 bucket when one is configured, else a local file. */
export type StateBackendConfig =
  | { readonly kind: 's3'; readonly bucket: string; readonly region: string; readonly keyPrefix: string; readonly lockTable?: string }
  | { readonly kind: 'local'; readonly directory: string };

/** An optional custom domain; without one the app lives at its CloudFront address. */
export type DomainConfig = { readonly name: string; readonly certificateArn: string };

/**
 * Cognito's email sender through SES. `sesIdentityArn` unset: the stack derives the domain identity of
 * the sender's address in its own account and region.
 */
export type EmailConfig = { readonly from: string; readonly sesIdentityArn?: string };

/** CloudFront keys that sign image URLs: every trusted key is accepted at the edge; the app signs with `active`. */
export type SigningKeysConfig = { readonly trusted: readonly string[]; readonly active: string };

/**
 * A consumer running as a Lambda function (infra/constructs/consumer-function.ts). The events queue's
 * visibility timeout must stay at least 6 × `timeoutSeconds` (AWS's guidance; the construct checks it).
 */
export type ConsumerConfig = {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  /** Messages per invocation, and how long Lambda may wait to fill a batch. */
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** Concurrent invocations the queue may drive (the event source mapping's cap, 2 at least). */
  readonly maxConcurrency: number;
  /**
   * Concurrency set aside for the function, so other functions cannot starve it; unset in the small sizes,
   * whose accounts may have only the default 10 and must keep them unreserved.
   */
  readonly reservedConcurrency?: number;
};

export type SizeConfig = {
  /** 0: no NAT, the tasks run in public subnets with public IPs; 1 saves money; 2 keeps egress up when an AZ fails. */
  readonly natGateways: 0 | 1 | 2;
  readonly cpuArchitecture: CpuArchitecture;
  readonly taskCpu: number;
  readonly taskMemory: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly cpuTargetPercent: number;
  /** The activity consumer on Lambda (task events → activity table). */
  readonly activityConsumer: ConsumerConfig;
  /** The reminder consumer on Lambda, run every minute by EventBridge Scheduler. */
  readonly reminderConsumer: { readonly memoryMb: number; readonly timeoutSeconds: number };
  /** Fargate Spot: a fraction of the price, and a task can be stopped with two minutes' notice. */
  readonly spot: boolean;
  /** AWS WAF on the distribution. */
  readonly waf: boolean;
  readonly containerInsights: boolean;
};

export type EnvironmentConfig = SizeConfig & {
  readonly environment: EnvironmentName;
  readonly size: SizeName;
  /** Prefix of every resource name, e.g. `todoer-dev`. */
  readonly prefix: string;
  readonly region: string;
  readonly imageTag: string;
  readonly vpcCidr: string;
  readonly logRetentionDays: number;
  /** Keeps user data when the stack is destroyed: table/pool deletion protection, bucket kept non-empty. */
  readonly protectData: boolean;
  /** The tasks table (`todos`). Every table's keys and indexes are in lib/data/tables.ts; only the names are set here. */
  readonly tableName: string;
  /** Lists, their memberships and invitations. */
  readonly listsTableName: string;
  /** Ended sessions (lib/auth/revocation.ts). */
  readonly sessionsTableName: string;
  /** Abuse counters shared by every process (lib/auth/limits.ts). */
  readonly rateLimitsTableName: string;
  /** Reminders, notifications and push subscriptions (lib/reminders/items.ts). */
  readonly remindersTableName: string;
  /** The activity feed the activity consumer writes, and the outbox of events the app could not publish yet. */
  readonly activityTableName: string;
  readonly outboxTableName: string;
  readonly imagesToKeep: number;
  readonly priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  readonly threatProtection: ThreatProtectionMode;
  readonly signingKeys: SigningKeysConfig;
  readonly email?: EmailConfig;
  readonly alarmEmail?: string;
  readonly domain?: DomainConfig;
  readonly stateBackend: StateBackendConfig;
};

type EnvironmentDefaults = Pick<
  EnvironmentConfig,
  | 'size'
  | 'vpcCidr'
  | 'logRetentionDays'
  | 'protectData'
  | 'tableName'
  | 'listsTableName'
  | 'sessionsTableName'
  | 'rateLimitsTableName'
  | 'remindersTableName'
  | 'activityTableName'
  | 'outboxTableName'
  | 'imagesToKeep'
  | 'priceClass'
  | 'threatProtection'
  | 'signingKeys'
>;

const ENVIRONMENT_DEFAULTS: Record<EnvironmentName, EnvironmentDefaults> = {
  dev: {
    size: 'personal',
    vpcCidr: '10.20.0.0/16',
    logRetentionDays: 14,
    protectData: false,
    tableName: 'todos-dev',
    listsTableName: 'lists-dev',
    sessionsTableName: 'sessions-dev',
    rateLimitsTableName: 'rate-limits-dev',
    remindersTableName: 'reminders-dev',
    activityTableName: 'activity-dev',
    outboxTableName: 'outbox-dev',
    imagesToKeep: 10,
    priceClass: 'PriceClass_100',
    threatProtection: 'AUDIT',
    // Rotation edits this list (and commits it): infra/README.md, "Rotating the image-signing key".
    signingKeys: { trusted: ['1'], active: '1' },
  },
  prod: {
    size: 'ha',
    vpcCidr: '10.30.0.0/16',
    logRetentionDays: 90,
    protectData: true,
    tableName: 'todos',
    listsTableName: 'lists',
    sessionsTableName: 'sessions',
    rateLimitsTableName: 'rate-limits',
    remindersTableName: 'reminders',
    activityTableName: 'activity',
    outboxTableName: 'outbox',
    imagesToKeep: 30,
    priceClass: 'PriceClass_All',
    threatProtection: 'ENFORCED',
    signingKeys: { trusted: ['1'], active: '1' },
  },
};

const SIZE_DEFAULTS: Record<SizeName, SizeConfig> = {
  // One task, no NAT, Spot, no WAF: see the cost table in infra/README.md. The consumers are Lambda functions in every size.
  personal: {
    natGateways: 0,
    cpuArchitecture: 'ARM64',
    taskCpu: 256,
    taskMemory: 1024,
    minTasks: 1,
    maxTasks: 1,
    cpuTargetPercent: 70,
    activityConsumer: { memoryMb: 256, timeoutSeconds: 10, batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 2 },
    reminderConsumer: { memoryMb: 256, timeoutSeconds: 50 },
    spot: true,
    waf: false,
    containerInsights: false,
  },
  standard: {
    natGateways: 1,
    cpuArchitecture: 'ARM64',
    taskCpu: 256,
    taskMemory: 512,
    minTasks: 1,
    maxTasks: 2,
    cpuTargetPercent: 70,
    activityConsumer: { memoryMb: 256, timeoutSeconds: 10, batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 2 },
    reminderConsumer: { memoryMb: 256, timeoutSeconds: 50 },
    spot: false,
    waf: true,
    containerInsights: false,
  },
  ha: {
    natGateways: 2,
    cpuArchitecture: 'ARM64',
    taskCpu: 512,
    taskMemory: 1024,
    minTasks: 2,
    maxTasks: 6,
    cpuTargetPercent: 60,
    activityConsumer: { memoryMb: 512, timeoutSeconds: 10, batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 5, reservedConcurrency: 5 },
    reminderConsumer: { memoryMb: 512, timeoutSeconds: 50 },
    spot: false,
    waf: true,
    containerInsights: true,
  },
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type ConfigSource = {
  /** Usually process.env. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** CDKTF context lookup (`app.node.tryGetContext`). */
  readonly context?: (key: string) => unknown;
  /** Folder of the local state files when no S3 backend is configured. */
  readonly localStateDirectory: string;
};

// 121 characters at most: the architecture suffix (imageTagOf) must fit ECR's 128.
const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,120}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const EMAIL = /^[^@\s<>]+@([^@\s<>]+\.[^@\s<>]+)$/;
/** `noreply@example.com` or `Todoer <noreply@example.com>`, as Cognito's FromEmailAddress takes it. */
const SENDER = /^(?:[^<>@]+ <([^@\s<>]+@[^@\s<>]+\.[^@\s<>]+)>|([^@\s<>]+@[^@\s<>]+\.[^@\s<>]+))$/;
const SES_IDENTITY_ARN = /^arn:aws[\w-]*:ses:[a-z0-9-]+:\d{12}:identity\/\S+$/;
const BOOLEAN: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };

/**
 * The configuration of one environment. Variables (context key in brackets):
 * TODOER_ENV (environment), TODOER_SIZE (size), AWS_REGION (region), TODOER_IMAGE_TAG (imageTag),
 * TODOER_WAF (waf), TODOER_SPOT (spot), TODOER_CPU_ARCHITECTURE (cpuArchitecture),
 * TODOER_THREAT_PROTECTION (threatProtection), TODOER_EMAIL_FROM (emailFrom) + TODOER_SES_IDENTITY_ARN
 * (sesIdentityArn), TODOER_ALARM_EMAIL, TODOER_DOMAIN_NAME + TODOER_CERTIFICATE_ARN, TODOER_PROTECT_DATA,
 * TODOER_STATE_BUCKET (+ TODOER_STATE_REGION, TODOER_STATE_KEY_PREFIX, TODOER_STATE_LOCK_TABLE).
 */
export function loadConfig(source: ConfigSource): EnvironmentConfig {
  const read = (name: string, contextKey?: string): string | undefined => {
    const fromEnv = source.env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    const fromContext = contextKey ? source.context?.(contextKey) : undefined;
    return typeof fromContext === 'string' && fromContext !== '' ? fromContext : undefined;
  };
  const problems: string[] = [];
  const readBoolean = (name: string, contextKey: string, fallback: boolean): boolean => {
    const raw = read(name, contextKey);
    if (raw === undefined) return fallback;
    const value = BOOLEAN[raw.toLowerCase()];
    if (value === undefined) problems.push(`${name} must be true or false (got "${raw}")`);
    return value ?? fallback;
  };
  const readChoice = <T extends string>(name: string, contextKey: string, choices: readonly T[], fallback: T): T => {
    const raw = read(name, contextKey);
    if (raw === undefined) return fallback;
    const value = choices.find((choice) => choice === raw.toUpperCase() || choice === raw.toLowerCase());
    if (value === undefined) problems.push(`${name} must be one of ${choices.join(', ')} (got "${raw}")`);
    return value ?? fallback;
  };

  const environment = read('TODOER_ENV', 'environment') ?? 'dev';
  if (!isEnvironment(environment)) {
    throw new ConfigError(`TODOER_ENV must be one of ${ENVIRONMENTS.join(', ')} (got "${environment}")`);
  }
  const defaults = ENVIRONMENT_DEFAULTS[environment];
  const size = readChoice('TODOER_SIZE', 'size', SIZES, defaults.size);
  const sizeDefaults = SIZE_DEFAULTS[size];

  const region = read('AWS_REGION', 'region') ?? 'us-east-1';
  if (!REGION.test(region)) problems.push(`AWS_REGION "${region}" is not an AWS region name`);
  const imageTag = read('TODOER_IMAGE_TAG', 'imageTag') ?? 'latest';
  if (!IMAGE_TAG.test(imageTag)) problems.push(`TODOER_IMAGE_TAG "${imageTag}" is not a valid image tag`);

  const protectData = readBoolean('TODOER_PROTECT_DATA', 'protectData', defaults.protectData);
  const waf = readBoolean('TODOER_WAF', 'waf', sizeDefaults.waf);
  const spot = readBoolean('TODOER_SPOT', 'spot', sizeDefaults.spot);
  const cpuArchitecture = readChoice('TODOER_CPU_ARCHITECTURE', 'cpuArchitecture', CPU_ARCHITECTURES, sizeDefaults.cpuArchitecture);
  const threatProtection = readChoice('TODOER_THREAT_PROTECTION', 'threatProtection', THREAT_PROTECTION_MODES, defaults.threatProtection);

  const alarmEmail = read('TODOER_ALARM_EMAIL', 'alarmEmail');
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    problems.push(`TODOER_ALARM_EMAIL "${alarmEmail}" is not an email address`);
  }

  const emailFrom = read('TODOER_EMAIL_FROM', 'emailFrom');
  const sesIdentityArn = read('TODOER_SES_IDENTITY_ARN', 'sesIdentityArn');
  let email: EmailConfig | undefined;
  if (emailFrom === undefined) {
    if (sesIdentityArn !== undefined) problems.push('TODOER_SES_IDENTITY_ARN needs TODOER_EMAIL_FROM, the address Cognito sends from');
  } else if (!SENDER.test(emailFrom)) {
    problems.push(`TODOER_EMAIL_FROM "${emailFrom}" is not an email address (or "Name <address>")`);
  } else if (sesIdentityArn !== undefined && !SES_IDENTITY_ARN.test(sesIdentityArn)) {
    problems.push(`TODOER_SES_IDENTITY_ARN "${sesIdentityArn}" is not an SES identity ARN`);
  } else {
    email = { from: emailFrom, sesIdentityArn };
  }

  const domainName = read('TODOER_DOMAIN_NAME', 'domainName');
  const certificateArn = read('TODOER_CERTIFICATE_ARN', 'certificateArn');
  let domain: DomainConfig | undefined;
  if (domainName !== undefined || certificateArn !== undefined) {
    if (!domainName || !certificateArn) {
      problems.push('TODOER_DOMAIN_NAME and TODOER_CERTIFICATE_ARN go together: set both or neither');
    } else if (!/^arn:aws:acm:us-east-1:\d{12}:certificate\//.test(certificateArn)) {
      problems.push('TODOER_CERTIFICATE_ARN must be an ACM certificate in us-east-1 (CloudFront requires it)');
    } else {
      domain = { name: domainName, certificateArn };
    }
  }

  const stateBucket = read('TODOER_STATE_BUCKET', 'stateBucket');
  const stateBackend: StateBackendConfig = stateBucket
    ? {
        kind: 's3',
        bucket: stateBucket,
        region: read('TODOER_STATE_REGION', 'stateRegion') ?? region,
        keyPrefix: read('TODOER_STATE_KEY_PREFIX', 'stateKeyPrefix') ?? 'todoer',
        lockTable: read('TODOER_STATE_LOCK_TABLE', 'stateLockTable'),
      }
    : { kind: 'local', directory: source.localStateDirectory };

  problems.push(...signingKeyProblems(defaults.signingKeys));
  if (problems.length > 0) throw new ConfigError(`Invalid infrastructure configuration: ${problems.join('; ')}`);

  return {
    ...defaults,
    ...sizeDefaults,
    environment,
    size,
    prefix: `todoer-${environment}`,
    region,
    imageTag,
    protectData,
    waf,
    spot,
    cpuArchitecture,
    threatProtection,
    email,
    alarmEmail,
    domain,
    stateBackend,
  };
}

/** Key ids become resource names; the active key must be one CloudFront trusts. */
export function signingKeyProblems(keys: SigningKeysConfig): string[] {
  const problems: string[] = [];
  // A CloudFront key group holds at most 5 public keys.
  if (keys.trusted.length === 0 || keys.trusted.length > 5) problems.push('signingKeys.trusted must list 1 to 5 keys');
  for (const id of keys.trusted) if (!/^[a-z0-9]{1,16}$/.test(id)) problems.push(`signing key id "${id}" must be 1-16 lowercase letters or digits`);
  if (new Set(keys.trusted).size !== keys.trusted.length) problems.push('signingKeys.trusted lists a key twice');
  if (!keys.trusted.includes(keys.active)) problems.push(`the active signing key "${keys.active}" is not in signingKeys.trusted`);
  return problems;
}

function isEnvironment(value: string): value is EnvironmentName {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

/** The domain of the sender's address: `noreply@mail.example.com` → `mail.example.com`. */
export function senderDomain(from: string): string {
  const match = SENDER.exec(from);
  const address = match?.[1] ?? match?.[2];
  if (!address) throw new ConfigError(`"${from}" is not an email address`);
  return address.slice(address.indexOf('@') + 1);
}

/** The image platform a CPU architecture runs, and the tag suffix that keeps each architecture's image apart. */
export function imagePlatform(architecture: CpuArchitecture): { readonly platform: string; readonly tagSuffix: string } {
  return architecture === 'ARM64' ? { platform: 'linux/arm64', tagSuffix: 'arm64' } : { platform: 'linux/amd64', tagSuffix: 'amd64' };
}

/**
 * The tag of the image the tasks run: the revision (TODOER_IMAGE_TAG, the git SHA under deploy.sh) and the
 * architecture. ECR tags are immutable, so an environment that changes architecture gets a new tag, and
 * deploy.sh builds it, instead of finding the other architecture's image under the same tag.
 */
export function imageTagOf(config: Pick<EnvironmentConfig, 'imageTag' | 'cpuArchitecture'>): string {
  return `${config.imageTag}-${imagePlatform(config.cpuArchitecture).tagSuffix}`;
}

/**
 * The cloud name of every table of lib/data/tables.ts (the emulators' are in scripts/provision.ts). Typed
 * by its ids: a table added there does not compile here until it has a name.
 */
export function tableNamesOf(
  config: Pick<EnvironmentConfig, 'tableName' | 'listsTableName' | 'activityTableName' | 'outboxTableName' | 'sessionsTableName' | 'rateLimitsTableName' | 'remindersTableName'>,
): Record<TableId, string> {
  return {
    todos: config.tableName,
    lists: config.listsTableName,
    activity: config.activityTableName,
    outbox: config.outboxTableName,
    sessions: config.sessionsTableName,
    rateLimits: config.rateLimitsTableName,
    reminders: config.remindersTableName,
  };
}

/** Stack names, shared by main.ts, the tests and (by convention) deploy.sh. */
export function stackNames(config: Pick<EnvironmentConfig, 'prefix'>) {
  return { registry: `${config.prefix}-registry`, app: `${config.prefix}-app` } as const;
}

/** Memory one idle live stream holds in the app, as `npm run bench:streams` measures it (about 195 KiB). */
export const LIVE_STREAM_MEMORY_KIB = 200;
/** The share of a task's memory its open streams may take; the heap has 60 % (scripts/container-start.sh) for everything. */
const LIVE_STREAM_MEMORY_SHARE = 0.25;

/**
 * How many live streams one app task holds (LIVE_MAX_STREAMS_PER_PROCESS): past it the process answers
 * 503 and the browser retries later, instead of a task of 512 MB being pushed out of memory by idle tabs.
 */
export function liveStreamsPerTask(taskMemoryMb: number): number {
  return Math.floor((taskMemoryMb * 1024 * LIVE_STREAM_MEMORY_SHARE) / LIVE_STREAM_MEMORY_KIB);
}

/**
 * Whether the app's tasks need a pub/sub service between them for live updates: one task hears every
 * stream it serves in-process (the `personal` size), more than one needs Valkey (lib/live/pubsub.ts).
 */
export function needsLivePubSub(size: Pick<SizeConfig, 'maxTasks'>): boolean {
  return size.maxTasks > 1;
}
