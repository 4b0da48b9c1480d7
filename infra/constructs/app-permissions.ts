import type { PolicyStatement } from './policy';

export type AppResources = {
  readonly tableArn: string;
  readonly indexArn: string;
  readonly bucketArn: string;
  /** ARN pattern of the objects under users/. */
  readonly objectsArn: string;
  readonly objectPrefix: string;
};

/**
 * What the app's code calls, on exact ARNs: lib/tasks (DynamoDB), lib/health (DescribeTable,
 * HeadBucket), lib/attachments (objects under users/, tagging of pending uploads) and Rekognition.
 * Cognito needs no IAM: the app uses only the public, token-authorized user APIs.
 */
export function appTaskPolicy(resources: AppResources): PolicyStatement[] {
  return [
    {
      Sid: 'TasksTable',
      Effect: 'Allow',
      Action: [
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
      ],
      Resource: resources.tableArn,
    },
    { Sid: 'TasksNewestFirst', Effect: 'Allow', Action: 'dynamodb:Query', Resource: resources.indexArn },
    {
      Sid: 'AttachmentObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:PutObjectTagging', 's3:DeleteObjectTagging'],
      Resource: resources.objectsArn,
    },
    {
      Sid: 'ListAttachmentObjects',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: resources.bucketArn,
      // IfExists: HeadBucket (the health check) needs ListBucket and sends no prefix; listings are kept to users/.
      Condition: { StringLikeIfExists: { 's3:prefix': [`${resources.objectPrefix}*`] } },
    },
    // DetectLabels has no resource-level permissions: AWS accepts only "*" here.
    { Sid: 'LabelImages', Effect: 'Allow', Action: 'rekognition:DetectLabels', Resource: '*' },
  ];
}
