// A local stand-in for AWS that speaks each service's real wire protocol, so the SDK's own
// serializers, signers and deserializers run. Point the SDK at it with AWS_ENDPOINT_URL (every
// service honours it). Requests are routed by the service and region of their SigV4 signature and
// by operation: the query `Action` (IAM, STS, EC2), the `x-amz-target` (KMS, CloudTrail, Config,
// Logs, Organizations), or for S3 the method, path and sub-resource.

import { vi } from 'vitest';
import { localServer, type LocalServer, type Reply, type SeenRequest } from './local-server.js';

export interface AwsRequest {
  service: string;
  region: string;
  /** `ListUsers`, `DescribeTrails`; for S3 the sub-resource (`encryption`, `location`) or `ListBuckets`/`HeadBucket`. */
  operation: string;
  /** Query-protocol parameters, or the parsed JSON body. */
  params: Record<string, unknown>;
  /** S3: the bucket the request is about. */
  bucket?: string;
  raw: SeenRequest;
}

export type AwsHandler = (request: AwsRequest) => Reply | undefined;

export interface AwsWire extends LocalServer {
  /** Every request, parsed. */
  calls: AwsRequest[];
}

/**
 * Starts the server, points the SDK at it with fake credentials for the current test, and answers
 * with `handler` (undefined = an error reply saying the operation is not stubbed).
 */
export async function awsWire(handler: AwsHandler): Promise<AwsWire> {
  const calls: AwsRequest[] = [];
  const server = await localServer((raw) => {
    const request = parse(raw);
    calls.push(request);
    return handler(request) ?? notStubbed(request);
  });
  vi.stubEnv('AWS_ENDPOINT_URL', server.url);
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAWIRETEST00000001');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wire-test-secret');
  vi.stubEnv('AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED', 'true');
  return { ...server, calls };
}

function parse(raw: SeenRequest): AwsRequest {
  const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(String(raw.headers.authorization));
  const region = scope?.[1] ?? '';
  const service = scope?.[2] ?? '';
  const target = raw.headers['x-amz-target'];
  if (typeof target === 'string') {
    return {
      service,
      region,
      operation: target.slice(target.lastIndexOf('.') + 1),
      params: raw.body ? (JSON.parse(raw.body) as Record<string, unknown>) : {},
      raw,
    };
  }
  if (service === 's3') return parseS3(raw, region);
  const form = new URLSearchParams(raw.body || raw.path.split('?')[1] || '');
  return { service, region, operation: form.get('Action') ?? '', params: Object.fromEntries(form), raw };
}

function parseS3(raw: SeenRequest, region: string): AwsRequest {
  const url = new URL(raw.path, 'http://localhost');
  const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '') || undefined;
  const sub = [...url.searchParams.keys()].find((k) => k !== 'x-id') ?? '';
  const operation = !bucket ? 'ListBuckets' : sub || (raw.method === 'HEAD' ? 'HeadBucket' : 'ListObjects');
  return {
    service: 's3',
    region,
    operation,
    params: Object.fromEntries(url.searchParams),
    ...(bucket ? { bucket } : {}),
    raw,
  };
}

function notStubbed(request: AwsRequest): Reply {
  return awsError(
    request,
    400,
    'NotStubbed',
    `the test server has no answer for ${request.service} ${request.operation}`,
  );
}

/** An error reply in the protocol of the service the request was for. */
export function awsError(request: AwsRequest, status: number, code: string, message: string): Reply {
  if (request.raw.headers['x-amz-target'])
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify({ __type: code, message }),
    };
  if (request.service === 'ec2')
    return {
      status,
      body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`,
    };
  if (request.service === 's3')
    return {
      status,
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>r-1</RequestId></Error>`,
    };
  return {
    status,
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
  };
}

/** AccessDenied as each protocol spells it, naming the denied action the way AWS does. */
export function denied(request: AwsRequest, action: string): Reply {
  const code =
    request.service === 'ec2'
      ? 'UnauthorizedOperation'
      : request.raw.headers['x-amz-target']
        ? 'AccessDeniedException'
        : 'AccessDenied';
  return awsError(
    request,
    403,
    code,
    `User: arn:aws:iam::111122223333:user/reader is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
  );
}

/** A JSON 1.1 reply (KMS, CloudTrail, Config, Logs, Organizations). */
export function json(body: unknown): Reply {
  return { headers: { 'content-type': 'application/x-amz-json-1.1' }, body: JSON.stringify(body) };
}

/** A Query-protocol reply (IAM, STS): `<{Op}Response><{Op}Result>…</{Op}Result></{Op}Response>`. */
export function queryResult(operation: string, innerXml: string): Reply {
  return {
    body: `<${operation}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${operation}Result>${innerXml}</${operation}Result><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${operation}Response>`,
  };
}

/** An EC2 reply: `<{Op}Response>…</{Op}Response>` with no Result wrapper. */
export function ec2Result(operation: string, innerXml: string): Reply {
  return {
    body: `<?xml version="1.0" encoding="UTF-8"?><${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>${innerXml}</${operation}Response>`,
  };
}

/** An S3 XML reply. */
export function xml(body: string): Reply {
  return {
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>${body}`,
  };
}

/** Escapes text for XML replies. */
export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
