import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/*
 * What the server logs: structured JSON lines (pino, through Fastify) with the request id and the user id,
 * never an email address, a name or a token. Request lines carry the route pattern, not the URL (a URL can
 * hold a confirmation token or a search for a name); a last pass masks anything that looks like an email
 * address, whatever logged it. LOG_FORMAT=pretty prints the same records as short readable lines.
 */

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Masks email addresses in a finished log line. */
export const scrubLine = (line: string): string => line.replace(EMAIL, '[email]');

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'userId', 'v']);

/** One JSON log record as a readable line: `12:00:01 INFO  [req-1 user=…] message key=value …`. */
export const prettyLine = (json: string): string => {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 23) : '';
  const level = (LEVELS[Number(record.level)] ?? String(record.level)).padEnd(5);
  const who = [record.reqId, record.userId ? `user=${String(record.userId)}` : ''].filter(Boolean).join(' ');
  const rest = Object.entries(record)
    .filter(([k]) => !OMIT.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${time} ${level} ${who ? `[${who}] ` : ''}${String(record.msg ?? '')}${rest ? `  ${rest}` : ''}\n`;
};

/** The destination pino writes to: stdout, emails masked, pretty when asked. */
export const logDestination = (format: 'json' | 'pretty', out: NodeJS.WritableStream = process.stdout) => ({
  write(line: string): void {
    const clean = scrubLine(line);
    out.write(format === 'pretty' ? prettyLine(clean) : clean);
  },
});

/** Where a request went, without its query string or path values: the route pattern when one matched. */
const routeOf = (request: FastifyRequest): string =>
  request.routeOptions?.url ?? (request.url.split('?')[0] ?? '').replace(/\/[^/]{20,}/g, '/…');

/** Fastify logger options: level, serializers without URLs and headers, redaction, the destination. */
export const loggerOptions = (level: string, format: 'json' | 'pretty') => ({
  level,
  stream: logDestination(format),
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers.cookie',
      'res.headers["set-cookie"]',
      '*.password',
      '*.token',
      '*.email',
      '*.name',
      'err.detail',
    ],
    censor: '[redacted]',
  },
  serializers: {
    req: (request: FastifyRequest) => ({ method: request.method, route: routeOf(request), remoteAddress: request.ip }),
  },
});

/**
 * One line per request, written when it is answered: where it went (method, route), who asked (userId),
 * the status and the time it took. Fastify's default also writes a line when a request arrives: logging
 * took 9 % of a list request's CPU in a profile (docs/performance.md), two lines each. The line comes when
 * the answer is finished or fails ('request errored'); a request still in progress has none yet.
 */
export class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const record = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...record, err: error }, 'request errored');
    else reply.log.info(record, 'request completed');
  }
}
