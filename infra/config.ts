/**
 * Settings per environment. Defaults live here; the environment (what deploy.sh exports) and the
 * CDKTF context (`cdktf.json` or `-c key=value`) override them. One function reads them all, once.
 */

export const ENVIRONMENTS = ['dev', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

/** Where Terraform keeps state: an S3 bucket when one is configured, else a local file. */
export type StateBackendConfig =
  | { readonly kind: 's3'; readonly bucket: string; readonly region: string; readonly keyPrefix: string; readonly lockTable?: string }
  | { readonly kind: 'local'; readonly directory: string };

/** An optional custom domain; without one the app lives at its CloudFront address. */
export type DomainConfig = { readonly name: string; readonly certificateArn: string };

export type EnvironmentConfig = {
  readonly environment: EnvironmentName;
  /** Prefix of every resource name, e.g. `todoer-dev`. */
  readonly prefix: string;
  readonly region: string;
  readonly imageTag: string;
  readonly vpcCidr: string;
  /** 1 saves money (one AZ's NAT serves both); 2 keeps egress up when an AZ fails. */
  readonly natGateways: 1 | 2;
  readonly taskCpu: number;
  readonly taskMemory: number;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly cpuTargetPercent: number;
  readonly logRetentionDays: number;
  readonly containerInsights: boolean;
  /** Keeps user data when the stack is destroyed: table/pool deletion protection, bucket kept non-empty. */
  readonly protectData: boolean;
  readonly tableName: string;
  /** The activity feed the worker writes, and the outbox of events the app could not publish yet. */
  readonly activityTableName: string;
  readonly outboxTableName: string;
  /** The event worker: its task size and how many run (no autoscaling; SQS spreads the messages). */
  readonly workerCpu: number;
  readonly workerMemory: number;
  readonly workerTasks: number;
  readonly imagesToKeep: number;
  readonly priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  readonly alarmEmail?: string;
  readonly domain?: DomainConfig;
  readonly stateBackend: StateBackendConfig;
};

type Defaults = Omit<EnvironmentConfig, 'environment' | 'prefix' | 'region' | 'imageTag' | 'alarmEmail' | 'domain' | 'stateBackend'>;

const DEFAULTS: Record<EnvironmentName, Defaults> = {
  dev: {
    vpcCidr: '10.20.0.0/16',
    natGateways: 1,
    taskCpu: 256,
    taskMemory: 512,
    minTasks: 1,
    maxTasks: 2,
    cpuTargetPercent: 70,
    logRetentionDays: 14,
    containerInsights: false,
    protectData: false,
    tableName: 'todos-dev',
    activityTableName: 'activity-dev',
    outboxTableName: 'outbox-dev',
    workerCpu: 256,
    workerMemory: 512,
    workerTasks: 1,
    imagesToKeep: 10,
    priceClass: 'PriceClass_100',
  },
  prod: {
    vpcCidr: '10.30.0.0/16',
    natGateways: 2,
    taskCpu: 512,
    taskMemory: 1024,
    minTasks: 2,
    maxTasks: 6,
    cpuTargetPercent: 60,
    logRetentionDays: 90,
    containerInsights: true,
    protectData: true,
    tableName: 'todos',
    activityTableName: 'activity',
    outboxTableName: 'outbox',
    workerCpu: 256,
    workerMemory: 512,
    workerTasks: 1,
    imagesToKeep: 30,
    priceClass: 'PriceClass_All',
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

const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const BOOLEAN: Record<string, boolean> = { true: true, '1': true, yes: true, false: false, '0': false, no: false };

/**
 * The configuration of one environment. Variables (context key in brackets):
 * TODOER_ENV (environment), AWS_REGION (region), TODOER_IMAGE_TAG (imageTag), TODOER_ALARM_EMAIL,
 * TODOER_DOMAIN_NAME + TODOER_CERTIFICATE_ARN, TODOER_PROTECT_DATA, TODOER_STATE_BUCKET
 * (+ TODOER_STATE_REGION, TODOER_STATE_KEY_PREFIX, TODOER_STATE_LOCK_TABLE).
 */
export function loadConfig(source: ConfigSource): EnvironmentConfig {
  const read = (name: string, contextKey?: string): string | undefined => {
    const fromEnv = source.env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    const fromContext = contextKey ? source.context?.(contextKey) : undefined;
    return typeof fromContext === 'string' && fromContext !== '' ? fromContext : undefined;
  };
  const problems: string[] = [];

  const environment = read('TODOER_ENV', 'environment') ?? 'dev';
  if (!isEnvironment(environment)) {
    throw new ConfigError(`TODOER_ENV must be one of ${ENVIRONMENTS.join(', ')} (got "${environment}")`);
  }
  const region = read('AWS_REGION', 'region') ?? 'us-east-1';
  if (!REGION.test(region)) problems.push(`AWS_REGION "${region}" is not an AWS region name`);
  const imageTag = read('TODOER_IMAGE_TAG', 'imageTag') ?? 'latest';
  if (!IMAGE_TAG.test(imageTag)) problems.push(`TODOER_IMAGE_TAG "${imageTag}" is not a valid image tag`);

  const protectRaw = read('TODOER_PROTECT_DATA', 'protectData');
  const protectData = protectRaw === undefined ? DEFAULTS[environment].protectData : BOOLEAN[protectRaw.toLowerCase()];
  if (protectData === undefined) problems.push(`TODOER_PROTECT_DATA must be true or false (got "${protectRaw}")`);

  const alarmEmail = read('TODOER_ALARM_EMAIL', 'alarmEmail');
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail)) {
    problems.push(`TODOER_ALARM_EMAIL "${alarmEmail}" is not an email address`);
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

  if (problems.length > 0) throw new ConfigError(`Invalid infrastructure configuration: ${problems.join('; ')}`);

  return {
    environment,
    prefix: `todoer-${environment}`,
    region,
    imageTag,
    ...DEFAULTS[environment],
    protectData: protectData ?? DEFAULTS[environment].protectData,
    alarmEmail,
    domain,
    stateBackend,
  };
}

function isEnvironment(value: string): value is EnvironmentName {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

/** Stack names, shared by main.ts, the tests and (by convention) deploy.sh. */
export function stackNames(config: Pick<EnvironmentConfig, 'prefix'>) {
  return { registry: `${config.prefix}-registry`, app: `${config.prefix}-app` } as const;
}
