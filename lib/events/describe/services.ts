import { clean } from './text';

// The services that most often act on MediaPackage resources or show up as a caller's source.
// Anything else falls back to the host's first label: readable, and never a wrong name.
const SERVICE_NAMES = new Map<string, string>([
  ['cloudformation', 'AWS CloudFormation'],
  ['mediapackage', 'AWS Elemental MediaPackage'],
  ['mediapackagev2', 'AWS Elemental MediaPackage'],
  ['mediapackage-vod', 'AWS Elemental MediaPackage'],
  ['medialive', 'AWS Elemental MediaLive'],
  ['mediaconnect', 'AWS Elemental MediaConnect'],
  ['mediaconvert', 'AWS Elemental MediaConvert'],
  ['mediatailor', 'AWS Elemental MediaTailor'],
  ['cloudfront', 'Amazon CloudFront'],
  ['lambda', 'AWS Lambda'],
  ['states', 'AWS Step Functions'],
  ['events', 'Amazon EventBridge'],
  ['scheduler', 'Amazon EventBridge Scheduler'],
  ['ssm', 'AWS Systems Manager'],
  ['config', 'AWS Config'],
  ['servicecatalog', 'AWS Service Catalog'],
  ['codepipeline', 'AWS CodePipeline'],
  ['codebuild', 'AWS CodeBuild'],
  ['ecs-tasks', 'Amazon ECS'],
  ['ecs', 'Amazon ECS'],
  ['ec2', 'Amazon EC2'],
  ['s3', 'Amazon S3'],
  ['iam', 'AWS IAM'],
  ['sts', 'AWS STS'],
  ['sso', 'AWS IAM Identity Center'],
  ['organizations', 'AWS Organizations'],
  ['controltower', 'AWS Control Tower'],
  ['tagging', 'the AWS Resource Groups Tagging API'],
  ['resource-groups', 'AWS Resource Groups'],
  ['resource-explorer-2', 'AWS Resource Explorer'],
  ['access-analyzer', 'IAM Access Analyzer'],
  ['securityhub', 'AWS Security Hub'],
  ['guardduty', 'Amazon GuardDuty'],
  ['trustedadvisor', 'AWS Trusted Advisor'],
  ['backup', 'AWS Backup'],
  ['cloudtrail', 'AWS CloudTrail'],
]);

const SERVICE_HOST_SUFFIXES = ['.amazonaws.com', '.amazonaws.com.cn', '.aws.internal'];

/** The service's first host label for `cloudformation.amazonaws.com`; undefined for anything else. */
export function serviceLabel(host: string): string | undefined {
  for (const suffix of SERVICE_HOST_SUFFIXES) {
    if (host.length > suffix.length && host.endsWith(suffix)) {
      const rest = host.slice(0, host.length - suffix.length);
      const dot = rest.indexOf('.');
      return dot >= 0 ? rest.slice(0, dot) : rest;
    }
  }
  return undefined;
}

export function isServiceHost(value: string): boolean {
  return serviceLabel(value) !== undefined;
}

/** "AWS CloudFormation" for `cloudformation.amazonaws.com`; "the AWS service foo" for an unknown host. */
export function serviceName(host: string): string {
  const label = serviceLabel(host);
  if (label === undefined) return clean(host) || 'an AWS service';
  const known = SERVICE_NAMES.get(label);
  if (known) return known;
  const text = clean(label, 40);
  return text ? `the AWS service ${text}` : 'an AWS service';
}
