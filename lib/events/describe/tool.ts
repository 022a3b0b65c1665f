import { field } from './text';

/**
 * What made the call, as a user agent tells it. Order matters: Terraform, Pulumi, the CDK, SAM and
 * Ansible all embed an SDK's agent (Terraform's carries aws-sdk-go-v2), and the AWS CLI embeds
 * botocore; the more specific tool is the true answer, so it is matched first.
 */
const RULES: readonly (readonly [needle: string, tool: string])[] = [
  ['terraform', 'Terraform'],
  ['pulumi', 'Pulumi'],
  ['aws-cdk', 'the AWS CDK'],
  ['aws-sam-cli', 'the AWS SAM CLI'],
  ['ansible/', 'Ansible'],
  ['cloudformation.amazonaws.com', 'AWS CloudFormation'],
  // Console agents as CloudTrail records them: "console.amazonaws.com", "AWS Console, aws-sdk-java/…",
  // and the per-service console builds ("[S3Console/0.4]").
  ['console.amazonaws.com', 'CONSOLE'],
  ['aws console', 'CONSOLE'],
  ['console/', 'CONSOLE'],
  ['aws-cli/', 'the AWS CLI'],
  ['awspowershell', 'the AWS Tools for PowerShell'],
  ['aws-sdk-js', 'the AWS SDK for JavaScript'],
  ['aws-sdk-nodejs', 'the AWS SDK for JavaScript'],
  ['boto3', 'the AWS SDK for Python (Boto3)'],
  ['botocore', 'the AWS SDK for Python (Boto3)'],
  ['aws-sdk-go', 'the AWS SDK for Go'],
  ['aws-sdk-java', 'the AWS SDK for Java'],
  ['aws-sdk-dotnet', 'the AWS SDK for .NET'],
  ['aws-sdk-ruby', 'the AWS SDK for Ruby'],
  ['aws-sdk-php', 'the AWS SDK for PHP'],
  ['aws-sdk-rust', 'the AWS SDK for Rust'],
  ['aws-sdk-cpp', 'the AWS SDK for C++'],
  ['aws-sdk-kotlin', 'the AWS SDK for Kotlin'],
  ['aws-sdk-swift', 'the AWS SDK for Swift'],
];

const CONSOLE = 'CONSOLE';
const BROWSER = 'BROWSER';

// Tool names sit at the start of an agent; a hostile 1 MB agent is not worth scanning in full.
const AGENT_SCAN_LIMIT = 1024;

// An account sees a few hundred distinct agents: classifying each once keeps a 1M-event import cheap.
const cache = new Map<string, string | null>();

function classify(userAgent: string): string | null {
  let hit = cache.get(userAgent);
  if (hit !== undefined) return hit;
  const ua = userAgent.slice(0, AGENT_SCAN_LIMIT).toLowerCase();
  hit = null;
  for (const [needle, tool] of RULES) {
    if (ua.includes(needle)) {
      hit = tool;
      break;
    }
  }
  if (hit === null && ua.startsWith('mozilla/')) hit = BROWSER;
  if (cache.size >= 2000) cache.clear();
  cache.set(userAgent, hit);
  return hit;
}

function consoleName(eventSource: string): string {
  return eventSource.startsWith('mediapackage') ? 'the MediaPackage console' : 'the AWS Management Console';
}

/**
 * "the AWS CLI", "Terraform", "the MediaPackage console"…, or null when the agent does not say.
 * A plain browser agent counts as the console only when CloudTrail marks the session as the console's.
 */
export function toolOf(userAgent: string, eventSource: string, record: unknown): string | null {
  if (typeof userAgent !== 'string' || userAgent === '') return null;
  const hit = classify(userAgent);
  if (hit === CONSOLE) return consoleName(eventSource);
  if (hit === BROWSER) {
    const fromConsole = field(record, 'sessionCredentialFromConsole');
    return fromConsole === 'true' || fromConsole === true ? consoleName(eventSource) : null;
  }
  return hit;
}
