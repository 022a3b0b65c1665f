import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';
import { recordOf, summarize, V1, V2 } from './test-records';
import { toolOf } from './tool';

// Agents as CloudTrail records them for each tool.
const AGENTS: [string, string, string | null][] = [
  ['AWS CLI v2', 'aws-cli/2.15.30 md/awscrt#0.19.19 ua/2.0 os/linux#6.1.61 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe prompt/off command/mediapackage.create-channel', 'the AWS CLI'],
  ['AWS CLI v1 (embeds botocore)', 'aws-cli/1.32.50 Python/3.11.6 Linux/6.1.61 botocore/1.34.50', 'the AWS CLI'],
  ['AWS CLI in CloudShell', 'aws-cli/2.13.5 Python/3.11.4 Linux/4.14.255 exec-env/CloudShell exe/x86_64.amzn.2 prompt/off command/mediapackagev2.list-channels', 'the AWS CLI'],
  ['Terraform (embeds aws-sdk-go-v2)', 'APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.67.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.30.5 ua/2.1 os/linux lang/go#1.22.6 md/GOOS#linux md/GOARCH#amd64 api/mediapackagev2#1.14.2', 'Terraform'],
  ['Pulumi (embeds aws-sdk-go-v2)', 'APN/1.0 Pulumi/1.0 pulumi-aws/v6.52.0 aws-sdk-go-v2/1.30.5 os/linux lang/go#1.22.6', 'Pulumi'],
  ['AWS CDK CLI (embeds aws-sdk-js)', 'aws-sdk-js/3.637.0 ua/2.1 os/darwin#23.6.0 lang/js md/nodejs#20.17.0 api/cloudformation#3.637.0 aws-cdk/2.160.0', 'the AWS CDK'],
  ['CloudFormation', 'cloudformation.amazonaws.com', 'AWS CloudFormation'],
  ['console', 'console.amazonaws.com', 'the MediaPackage console'],
  ['older console agent (embeds aws-sdk-java)', 'AWS Console, aws-sdk-java/1.12.500 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.9', 'the MediaPackage console'],
  ['JavaScript v3', 'aws-sdk-js/3.637.0 ua/2.1 os/linux#5.10 lang/js md/nodejs#20.17.0 api/mediapackage#3.637.0 m/N,E', 'the AWS SDK for JavaScript'],
  ['JavaScript v2 in Node', 'aws-sdk-nodejs/2.1500.0 linux/v18.18.2 promise', 'the AWS SDK for JavaScript'],
  ['Boto3', 'Boto3/1.34.50 md/Botocore#1.34.50 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.50', 'the AWS SDK for Python (Boto3)'],
  ['Go v2', 'aws-sdk-go-v2/1.30.5 ua/2.1 os/linux lang/go#1.22.6 md/GOOS#linux api/mediapackage#1.32.0', 'the AWS SDK for Go'],
  ['Go v1', 'aws-sdk-go/1.50.0 (go1.21.6; linux; amd64)', 'the AWS SDK for Go'],
  ['Java v2', 'aws-sdk-java/2.25.0 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.9+8-LTS Java/17.0.9 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy', 'the AWS SDK for Java'],
  ['.NET', 'aws-sdk-dotnet-coreclr/3.7.300.0 aws-sdk-dotnet-core/3.7.300.0 .NET_Core/8.0.1 OS/Linux md/ClientAsync', 'the AWS SDK for .NET'],
  ['PowerShell (embeds the .NET SDK)', 'AWSPowerShell.Common/4.1.500.0 .NET_Core/6.0.0 OS/Microsoft_Windows aws-sdk-dotnet-core/3.7.300.0', 'the AWS Tools for PowerShell'],
  ['Ruby', 'aws-sdk-ruby3/3.190.0 ruby/3.2.2 x86_64-linux aws-sdk-mediapackage/1.70.0', 'the AWS SDK for Ruby'],
  ['PHP', 'aws-sdk-php/3.300.0 OS/Linux/5.10 lang/php/8.2.0 GuzzleHttp/7', 'the AWS SDK for PHP'],
  ['Rust', 'aws-sdk-rust/1.1.0 os/linux lang/rust/1.75.0', 'the AWS SDK for Rust'],
  ['a browser, not marked as a console session', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36', null],
  ['AWS Internal', 'AWS Internal', null],
  ['curl', 'curl/8.4.0', null],
  ['an unknown program', 'python-requests/2.31.0', null],
  ['a home-made agent', 'media-scheduler/4.2 (+ops@example.com)', null],
  ['empty', '', null],
];

describe('toolOf: the tool the user agent tells', () => {
  it.each(AGENTS)('%s', (_, agent, tool) => {
    expect(toolOf(agent, V1, {})).toBe(tool);
  });

  it('names the console after the service it was used for', () => {
    expect(toolOf('console.amazonaws.com', V2, {})).toBe('the MediaPackage console');
    expect(toolOf('console.amazonaws.com', 's3.amazonaws.com', {})).toBe('the AWS Management Console');
  });

  it('counts a browser as the console only when CloudTrail says the session is the console\'s', () => {
    const browser = AGENTS.find(([name]) => name.startsWith('a browser'))![1];
    expect(toolOf(browser, V1, { sessionCredentialFromConsole: 'true' })).toBe('the MediaPackage console');
    expect(toolOf(browser, V1, { sessionCredentialFromConsole: 'false' })).toBeNull();
    // CloudShell sessions also come from the console, but the agent says it was the CLI.
    expect(toolOf(AGENTS[2][1], V1, { sessionCredentialFromConsole: 'true' })).toBe('the AWS CLI');
  });

  it('ends the sentence with the tool, or with nothing for an agent that does not say', () => {
    const described = (userAgent: string) => {
      const { summary, parsed } = summarize(recordOf({ name: 'DeleteChannel', request: { id: 'sports-hd' }, userAgent }));
      return describeEvent(summary, parsed);
    };
    expect(described(AGENTS[3][1])).toBe('deploy-bot deleted channel sports-hd in us-west-2 from 203.0.113.17 using Terraform.');
    expect(described('curl/8.4.0')).toBe('deploy-bot deleted channel sports-hd in us-west-2 from 203.0.113.17.');
  });
});
