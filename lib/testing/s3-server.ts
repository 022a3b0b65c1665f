import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A minimal S3 for tests: path-style ListObjectsV2 and GetObject, enough for the real SDK.
// `maxKeys` caps every listing page so that a test can force the SDK to follow ContinuationToken.

export interface S3TestServer {
  url: string;
  put(bucket: string, key: string, body: Buffer | string): void;
  stats(): { listRequests: number; getRequests: number };
  close(): Promise<void>;
}

interface StoredObject {
  body: Buffer;
  etag: string;
  modified: Date;
}

const xmlEscape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
const tag = (name: string, value: string | number | boolean) => `<${name}>${xmlEscape(String(value))}</${name}>`;

function sendError(res: http.ServerResponse, status: number, code: string, message: string, resource: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${tag('Code', code)}${tag('Message', message)}${tag('Resource', resource)}${tag('RequestId', 'test')}</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
}

export async function startS3Server(options: { maxKeys?: number } = {}): Promise<S3TestServer> {
  const buckets = new Map<string, Map<string, StoredObject>>();
  const stats = { listRequests: 0, getRequests: 0 };

  function list(res: http.ServerResponse, bucketName: string, objects: Map<string, StoredObject>, q: URLSearchParams): void {
    stats.listRequests++;
    const prefix = q.get('prefix') ?? '';
    const maxKeys = Math.min(Number(q.get('max-keys') ?? 1000) || 1000, options.maxKeys ?? 1000);
    const token = q.get('continuation-token');
    // The token is the last key of the previous page; S3's own is opaque, so the SDK only echoes it.
    const after = token !== null ? Buffer.from(token, 'base64url').toString('utf8') : (q.get('start-after') ?? '');
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort();
    const page = keys.slice(0, maxKeys);
    const truncated = keys.length > page.length;
    const urlEncode = q.get('encoding-type') === 'url';
    const contents = page.map((key) => {
      const o = objects.get(key)!;
      return `<Contents>${tag('Key', urlEncode ? encodeURIComponent(key).replace(/%2F/g, '/') : key)}${tag('LastModified', o.modified.toISOString())}${tag('ETag', o.etag)}${tag('Size', o.body.length)}${tag('StorageClass', 'STANDARD')}</Contents>`;
    });
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">',
      tag('Name', bucketName),
      tag('Prefix', prefix),
      tag('KeyCount', page.length),
      tag('MaxKeys', maxKeys),
      tag('IsTruncated', truncated),
      urlEncode ? tag('EncodingType', 'url') : '',
      token !== null ? tag('ContinuationToken', token) : '',
      truncated ? tag('NextContinuationToken', Buffer.from(page[page.length - 1], 'utf8').toString('base64url')) : '',
      ...contents,
      '</ListBucketResult>',
    ].join('');
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://s3.test');
    const [bucketName = '', ...rest] = url.pathname.slice(1).split('/');
    const key = rest.map((segment) => decodeURIComponent(segment)).join('/');
    const objects = buckets.get(decodeURIComponent(bucketName));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'MethodNotAllowed', 'only GET and HEAD', url.pathname);
    if (!objects) return sendError(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', url.pathname);
    if (!key) {
      if (url.searchParams.get('list-type') !== '2') return sendError(res, 501, 'NotImplemented', 'only ListObjectsV2 (list-type=2)', url.pathname);
      return list(res, bucketName, objects, url.searchParams);
    }
    const object = objects.get(key);
    if (!object) return sendError(res, 404, 'NoSuchKey', 'The specified key does not exist.', url.pathname);
    stats.getRequests++;
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': object.body.length,
      etag: object.etag,
      'last-modified': object.modified.toUTCString(),
    });
    res.end(req.method === 'HEAD' ? undefined : object.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    put(bucket, key, body) {
      const buf = typeof body === 'string' ? Buffer.from(body) : body;
      if (!buckets.has(bucket)) buckets.set(bucket, new Map());
      buckets.get(bucket)!.set(key, { body: buf, etag: `"${createHash('md5').update(buf).digest('hex')}"`, modified: new Date() });
    },
    stats: () => ({ ...stats }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
