/**
 * The parts of Lambda's SQS event and its partial-batch answer that the consumers use, typed here
 * instead of pulling in @types/aws-lambda for three shapes. Field names are AWS's
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html); local-poller.ts builds the same shape.
 */
export type SQSRecord = {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly attributes: { readonly ApproximateReceiveCount: string; readonly SentTimestamp?: string };
  readonly messageAttributes: Readonly<Record<string, unknown>>;
  readonly eventSource: 'aws:sqs';
  readonly eventSourceARN: string;
  readonly awsRegion: string;
};

export type SQSEvent = { readonly Records: readonly SQSRecord[] };

/** With `ReportBatchItemFailures`, only the listed messages come back; the rest are deleted. */
export type SQSBatchResponse = { readonly batchItemFailures: readonly { readonly itemIdentifier: string }[] };

export type SQSHandler = (event: SQSEvent) => Promise<SQSBatchResponse>;
