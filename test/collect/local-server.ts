// A local HTTP server standing in for a cloud endpoint, so the SDKs' own serializers, signers and
// deserializers run against real wire replies. Each test says what to answer per request.

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface LocalServer {
  url: string;
  requests: SeenRequest[];
  close: () => Promise<void>;
}

/** `answer` returning undefined leaves the request hanging (a silent network). */
export async function localServer(answer: (request: SeenRequest) => Reply | undefined): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const seen = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      requests.push(seen);
      const reply = answer(seen);
      if (!reply) return;
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/xml', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An AWS Query-protocol error reply (IAM, STS), as AWS sends it. */
export function awsQueryError(status: number, code: string, message: string): Reply {
  return {
    status,
    body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>4f1c7c1e-0000-4000-8000-000000000001</RequestId></ErrorResponse>`,
  };
}
