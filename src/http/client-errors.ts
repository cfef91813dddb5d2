import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import type { ErrorCode } from '../core/errors.js';
import { problemBody } from './problem.js';

/** What Node's HTTP parser refuses before the app sees a request, in the app's words. */
function describe(code: string | undefined): { code: ErrorCode; detail: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { code: 'headers_too_large', detail: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', detail: 'The request did not arrive in time.' };
    case 'HPE_INVALID_METHOD':
      return { code: 'bad_request', detail: 'Unknown HTTP method.' };
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { code: 'bad_request', detail: 'Send Content-Length or Transfer-Encoding, not both.' };
    case 'HPE_INVALID_CONTENT_LENGTH':
      return { code: 'bad_request', detail: 'Invalid Content-Length.' };
    case 'HPE_INVALID_HEADER_TOKEN':
    case 'HPE_INVALID_FIELD_VALUE':
      return { code: 'bad_request', detail: 'A header holds a forbidden character.' };
    default:
      return { code: 'bad_request', detail: 'The request is not valid HTTP.' };
  }
}

/**
 * Node answers a request its parser refuses with an empty 400 (or 431) on its own; this
 * answers problem+json instead, and says that the connection closes, since a parser that
 * lost its place in the stream cannot read the next request on it.
 */
export function answerClientErrors(server: Server) {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const { code, detail } = describe(err.code);
    const body = JSON.stringify(problemBody(code, detail));
    const { status } = problemBody(code, detail);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
