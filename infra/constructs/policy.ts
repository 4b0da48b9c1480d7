/** IAM policy documents as typed values, rendered to JSON where a resource takes one. */

export type PolicyStatement = {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | { readonly Service?: string | string[]; readonly AWS?: string | string[] };
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | boolean | readonly string[]>>>>;
};

export function policyDocument(statements: readonly PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The trust policy that lets one AWS service assume a role. */
export function assumableBy(service: string): string {
  // Trust policies name no Resource: the role itself is the resource.
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
  });
}

export type TaskExecutionResources = {
  /** The ECR repository the image comes from. */
  readonly repositoryArn: string;
  /** The log group the awslogs driver writes to. */
  readonly logGroupArn: string;
  /** More log groups the task's containers write to (a second container has its own). */
  readonly extraLogGroupArns?: readonly string[];
  /** Secrets Manager secrets ECS injects as secret environment variables; none, no statement. */
  readonly secretArns?: readonly string[];
};

/** What ECS itself needs to start a task (the execution role): pull the image, write its logs, read its secrets. */
export function taskExecutionPolicy(resources: TaskExecutionResources): PolicyStatement[] {
  const secretArns = resources.secretArns ?? [];
  const logStreams = [resources.logGroupArn, ...(resources.extraLogGroupArns ?? [])].map((arn) => `${arn}:log-stream:*`);
  return [
    // GetAuthorizationToken has no resource-level permissions: AWS accepts only "*" here.
    { Sid: 'RegistryLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PullAppImage',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      Resource: resources.repositoryArn,
    },
    {
      Sid: 'WriteLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: logStreams.length === 1 ? logStreams[0]! : logStreams,
    },
    // The secrets use Secrets Manager's AWS managed key, whose key policy admits callers through Secrets
    // Manager: no kms:Decrypt needed.
    ...(secretArns.length > 0
      ? [{ Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArns } as const]
      : []),
  ];
}
