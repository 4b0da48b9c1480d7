import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsEcrRepository } from '@cdktf/provider-aws/lib/data-aws-ecr-repository';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TlsProvider } from '@cdktf/provider-tls/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { REMINDERS_INDEX } from '../../lib/data/tables';
import type { LambdaName } from '../../worker/lambdas';
import { imageTagOf, liveStreamsPerTask, needsLivePubSub, senderDomain, tableNamesOf, type EnvironmentConfig } from '../config';
import { ActivityDataConstruct } from '../constructs/activity-data';
import { activityConsumerPolicy, appTaskPolicy, reminderConsumerPolicy } from '../constructs/app-permissions';
import { AuthConstruct } from '../constructs/auth';
import { ConsumerFunctionConstruct } from '../constructs/consumer-function';
import { DataConstruct } from '../constructs/data';
import { EdgeConstruct } from '../constructs/edge';
import { EventsConstruct, VISIBILITY_TIMEOUT_SECONDS } from '../constructs/events';
import { LivePubSubConstruct } from '../constructs/live-pubsub';
import { LISTENER_PORT, LoadBalancerConstruct } from '../constructs/load-balancer';
import { MonitoringConstruct } from '../constructs/monitoring';
import { NetworkConstruct } from '../constructs/network';
import { RemindersDataConstruct } from '../constructs/reminders-data';
import { SecretsConstruct } from '../constructs/secrets';
import { LIVENESS_PATH, ServiceConstruct } from '../constructs/service';
import { OBJECT_PREFIX, STAGING_PREFIX, StorageConstruct } from '../constructs/storage';
import { WebAclConstruct } from '../constructs/waf';
import { configureStack, usEast1Provider } from './common';

export const APP_PORT = 3000;
/**
 * X-Forwarded-For reaches the app as "<client-sent…>, <viewer>, <CloudFront edge>": CloudFront appends the
 * viewer, the load balancer appends the address the request came from (CloudFront, through the VPC origin).
 * lib/auth/session.ts reads the entry the outermost of the trusted proxies wrote, counted from the end: 2
 * (CloudFront, then the load balancer).
 */
export const TRUSTED_PROXY_HOPS = 2;

export type AppStackProps = {
  readonly config: EnvironmentConfig;
  /** Name of the ECR repository the registry stack made. */
  readonly repositoryName: string;
  /** The folder of each consumer's built bundle (`npm run build:lambdas`), zipped into its function. */
  readonly lambdaBundles: Readonly<Record<LambdaName, string>>;
};

/** Everything the app runs on. It only wires the constructs; each one owns its concern. */
export class AppStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id);
    const { config } = props;
    const aws = configureStack(this, id, config);
    new RandomProvider(this, 'random');
    new TlsProvider(this, 'tls');

    const account = new DataAwsCallerIdentity(this, 'account');
    const repository = new DataAwsEcrRepository(this, 'repository', { name: props.repositoryName });

    const network = new NetworkConstruct(this, 'network', {
      prefix: config.prefix,
      region: config.region,
      cidr: config.vpcCidr,
      natGateways: config.natGateways,
    });
    // One SES sender for Cognito's codes and the app's own mail; unset, the identity is the sender's domain,
    // verified in SES in this account and region.
    const email = config.email && {
      from: config.email.from,
      sesIdentityArn:
        config.email.sesIdentityArn ?? `arn:aws:ses:${config.region}:${account.accountId}:identity/${senderDomain(config.email.from)}`,
    };
    const auth = new AuthConstruct(this, 'auth', {
      prefix: config.prefix,
      protectData: config.protectData,
      threatProtection: config.threatProtection,
      email,
    });
    // Every table of lib/data/tables.ts, built from its definition there; only the names are per environment.
    const tableNames = tableNamesOf(config);
    const data = new DataConstruct(this, 'data', {
      todosTableName: tableNames.todos,
      listsTableName: tableNames.lists,
      sessionsTableName: tableNames.sessions,
      rateLimitsTableName: tableNames.rateLimits,
      protectData: config.protectData,
    });
    const events = new EventsConstruct(this, 'events', { prefix: config.prefix });
    const activity = new ActivityDataConstruct(this, 'activity', {
      activityTableName: tableNames.activity,
      outboxTableName: tableNames.outbox,
      protectData: config.protectData,
    });
    const remindersData = new RemindersDataConstruct(this, 'reminders', { remindersTableName: tableNames.reminders, protectData: config.protectData });
    const storage = new StorageConstruct(this, 'storage', {
      bucketName: `${config.prefix}-attachments-${account.accountId}`,
      forceDestroy: !config.protectData,
    });
    const secrets = new SecretsConstruct(this, 'secrets', {
      prefix: config.prefix,
      signingKeys: config.signingKeys,
      recoveryWindowInDays: config.protectData ? 7 : 0,
    });
    const loadBalancer = new LoadBalancerConstruct(this, 'load-balancer', {
      prefix: config.prefix,
      vpcId: network.vpcId,
      subnetIds: network.privateSubnetIds,
      appPort: APP_PORT,
      healthCheckPath: LIVENESS_PATH,
    });
    // CloudFront's web ACLs live in us-east-1, whatever the stack's region.
    const webAcl = config.waf
      ? new WebAclConstruct(this, 'waf', { prefix: config.prefix, provider: usEast1Provider(this, id, config, aws) })
      : undefined;
    const edge = new EdgeConstruct(this, 'edge', {
      prefix: config.prefix,
      app: {
        loadBalancerArn: loadBalancer.arn,
        domainName: loadBalancer.dnsName,
        httpPort: LISTENER_PORT,
        verifyHeader: loadBalancer.originVerifyHeader,
      },
      images: { bucketRegionalDomainName: storage.bucketRegionalDomainName },
      signingKeys: { publicKeys: secrets.signingPublicKeys, active: config.signingKeys.active },
      webAclArn: webAcl?.arn,
      priceClass: config.priceClass,
      domain: config.domain,
    });
    storage.grantAccess({ appOrigin: edge.url, distributionArn: edge.distributionArn });

    const image = `${repository.repositoryUrl}:${imageTagOf(config)}`;
    // Without NAT the tasks go out through the internet gateway: public subnets, a public IP, no inbound rule but the ALB's.
    const taskNetwork = {
      vpcId: network.vpcId,
      subnetIds: config.natGateways === 0 ? network.publicSubnetIds : network.privateSubnetIds,
      assignPublicIp: config.natGateways === 0,
    };
    const live = needsLivePubSub(config)
      ? new LivePubSubConstruct(this, 'live', { prefix: config.prefix, vpcId: network.vpcId, subnetIds: network.privateSubnetIds })
      : undefined;
    const service = new ServiceConstruct(this, 'service', {
      prefix: config.prefix,
      region: config.region,
      network: taskNetwork,
      loadBalancer: {
        securityGroupId: loadBalancer.securityGroupId,
        targetGroupArn: loadBalancer.targetGroupArn,
        ready: loadBalancer.ready,
      },
      image: { uri: image, repositoryArn: repository.arn },
      cpuArchitecture: config.cpuArchitecture,
      spot: config.spot,
      port: APP_PORT,
      cpu: config.taskCpu,
      memory: config.taskMemory,
      minTasks: config.minTasks,
      maxTasks: config.maxTasks,
      cpuTargetPercent: config.cpuTargetPercent,
      logRetentionDays: config.logRetentionDays,
      containerInsights: config.containerInsights,
      // The variables lib/env.ts reads in cloud mode.
      environment: {
        APP_MODE: 'cloud',
        NODE_ENV: 'production',
        PORT: String(APP_PORT),
        AWS_REGION: config.region,
        APP_ORIGIN: edge.url,
        COGNITO_USER_POOL_ID: auth.userPoolId,
        COGNITO_CLIENT_ID: auth.clientId,
        TODOS_TABLE: data.todos.name,
        LISTS_TABLE: data.lists.name,
        SESSIONS_TABLE: data.sessions.name,
        RATE_LIMITS_TABLE: data.rateLimits.name,
        ATTACHMENTS_BUCKET: storage.bucketName,
        TRUSTED_PROXY_HOPS: String(TRUSTED_PROXY_HOPS),
        CLOUDFRONT_URL: edge.url,
        CLOUDFRONT_KEY_PAIR_ID: edge.signingKeyId,
        EVENTS_TOPIC_ARN: events.topicArn,
        ACTIVITY_TABLE: activity.activity.name,
        OUTBOX_TABLE: activity.outbox.name,
        REMINDERS_TABLE: remindersData.reminders.name,
        // Without a sender the app answers whatever would send email with 503 (lib/email/send.ts).
        ...(email ? { EMAIL_FROM: email.from } : {}),
        // Unset (one task): live updates stay in the process.
        ...(live ? { LIVE_PUBSUB_URL: live.url } : {}),
        LIVE_MAX_STREAMS_PER_PROCESS: String(liveStreamsPerTask(config.taskMemory)),
        // Public: browsers subscribe with it. lib/env.ts reads the PEM as the raw key they need.
        VAPID_PUBLIC_KEY: secrets.webPushPublicKeyPem,
      },
      secrets: { CURSOR_SECRET: secrets.cursorSecretArn, CLOUDFRONT_PRIVATE_KEY: secrets.signingKeyArn },
      taskPolicy: appTaskPolicy({
        todos: data.todos,
        lists: data.lists,
        sessions: data.sessions,
        rateLimits: data.rateLimits,
        activity: activity.activity,
        outbox: activity.outbox,
        reminders: remindersData.reminders,
        bucketArn: storage.bucketArn,
        objectsArn: storage.objectsArn,
        objectPrefix: OBJECT_PREFIX,
        stagingObjectsArn: storage.stagingObjectsArn,
        stagingPrefix: STAGING_PREFIX,
        eventsTopicArn: events.topicArn,
        sesIdentityArn: email?.sesIdentityArn,
      }),
    });
    live?.allowFrom(service.taskSecurityGroupId);
    // Task events → activity, on Lambda in every size: the queue drives it, nothing runs while it is empty.
    const activityConsumer = new ConsumerFunctionConstruct(this, 'activity-consumer', {
      prefix: config.prefix,
      name: 'activity',
      description: 'Stores task events from the events queue as activity (worker/activity-handler.ts)',
      bundleDirectory: props.lambdaBundles.activity,
      memoryMb: config.activityConsumer.memoryMb,
      timeoutSeconds: config.activityConsumer.timeoutSeconds,
      reservedConcurrency: config.activityConsumer.reservedConcurrency,
      logRetentionDays: config.logRetentionDays,
      // The variables worker/config.ts reads for the handler; AWS_REGION is Lambda's own.
      environment: { ACTIVITY_TABLE: activity.activity.name, SESSIONS_TABLE: data.sessions.name },
      policy: activityConsumerPolicy({ activityTableArn: activity.activity.arn, sessionsTableArn: data.sessions.arn }),
      trigger: {
        kind: 'queue',
        queueArn: events.queueArn,
        queueVisibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
        batchSize: config.activityConsumer.batchSize,
        maxBatchingWindowSeconds: config.activityConsumer.maxBatchingWindowSeconds,
        maxConcurrency: config.activityConsumer.maxConcurrency,
      },
    });
    // Due reminders, every minute: each run claims what it sends, so a run that overlaps the last sends nothing twice.
    const reminderConsumer = new ConsumerFunctionConstruct(this, 'reminder-consumer', {
      prefix: config.prefix,
      name: 'reminder',
      description: 'Delivers due reminders in-app, by email and by Web Push (worker/reminder-handler.ts)',
      bundleDirectory: props.lambdaBundles.reminder,
      memoryMb: config.reminderConsumer.memoryMb,
      timeoutSeconds: config.reminderConsumer.timeoutSeconds,
      logRetentionDays: config.logRetentionDays,
      // The variables worker/config.ts reads for the reminder handler. Without a sender, reminders go in-app and by push only.
      environment: {
        REMINDERS_TABLE: remindersData.reminders.name,
        TODOS_TABLE: data.todos.name,
        LISTS_TABLE: data.lists.name,
        APP_URL: edge.url,
        ...(email ? { EMAIL_FROM: email.from } : {}),
        // Web Push: the private key is read from its secret on a cold start (worker/vapid-keys-source.ts).
        VAPID_PRIVATE_KEY_SECRET_ARN: secrets.webPushPrivateKeyArn,
      },
      policy: reminderConsumerPolicy({
        remindersTableArn: remindersData.reminders.arn,
        dueIndexArn: remindersData.reminders.indexArns[REMINDERS_INDEX.due]!,
        todosTableArn: data.todos.arn,
        listsTableArn: data.lists.arn,
        sesIdentityArn: email?.sesIdentityArn,
        webPushPrivateKeyArn: secrets.webPushPrivateKeyArn,
      }),
      trigger: { kind: 'schedule', expression: 'rate(1 minute)' },
    });
    const monitoring = new MonitoringConstruct(this, 'monitoring', {
      prefix: config.prefix,
      loadBalancerArnSuffix: loadBalancer.arnSuffix,
      targetGroupArnSuffix: loadBalancer.targetGroupArnSuffix,
      errorRatePercent: 5,
      eventQueues: { queueName: events.queueName, deadLetterQueueName: events.deadLetterQueueName },
      consumerFunctionNames: [activityConsumer.functionName, reminderConsumer.functionName],
      alarmEmail: config.alarmEmail,
    });

    const outputs: Record<string, string> = {
      app_url: edge.url,
      region: config.region,
      image,
      cloudfront_distribution_id: edge.distributionId,
      cloudfront_domain_name: edge.domainName,
      cluster_name: service.clusterName,
      service_name: service.serviceName,
      log_group_name: service.logGroupName,
      user_pool_id: auth.userPoolId,
      user_pool_client_id: auth.clientId,
      table_name: data.todos.name,
      lists_table_name: data.lists.name,
      bucket_name: storage.bucketName,
      alarm_topic_arn: monitoring.alarmTopicArn,
      events_topic_arn: events.topicArn,
      events_queue_url: events.queueUrl,
      events_dlq_url: events.deadLetterQueueUrl,
      activity_table_name: activity.activity.name,
      outbox_table_name: activity.outbox.name,
      activity_consumer_function_name: activityConsumer.functionName,
      activity_consumer_log_group_name: activityConsumer.logGroupName,
      reminders_table_name: remindersData.reminders.name,
      reminder_consumer_function_name: reminderConsumer.functionName,
      reminder_consumer_log_group_name: reminderConsumer.logGroupName,
    };
    for (const [name, value] of Object.entries(outputs)) new TerraformOutput(this, name, { value });
  }
}
