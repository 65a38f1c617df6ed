import http from 'node:http';
import https from 'node:https';
import { webhookLimits } from '@nenner/shared';
import { Webhook as Signer } from 'standardwebhooks';
import { checkUrlShape, pinnedLookup, SsrfError, type SsrfPolicy } from '../../lib/ssrf.js';

/** What one attempt came to: the receiver's answer, or why there was none. */
export interface AttemptOutcome {
  status: 'delivered' | 'failed' | 'refused';
  responseCode: number | null;
  durationMs: number;
  responseBody: string | null;
  error: string | null;
}

export const TIMEOUT_MS = 15_000;

/**
 * The Standard Webhooks signature header: `v1,<base64 HMAC>` per secret, space-separated, so during a
 * rotation receivers holding either secret verify.
 */
export const signatureHeader = (secrets: string[], id: string, at: Date, body: string): string =>
  secrets.map((s) => new Signer(s).sign(id, at, body)).join(' ');

/**
 * POSTs a signed body once. The URL is checked again, the host resolved through `pinnedLookup` (the socket
 * connects to the checked address, nothing else), redirects are not followed (a 3xx is a failure), the
 * whole exchange has 15 s, and only the first 1 KB of the answer is kept.
 */
export const sendSigned = async (
  target: string,
  policy: SsrfPolicy,
  message: { id: string; body: string; secrets: string[]; at: Date },
): Promise<AttemptOutcome> => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = checkUrlShape(target, policy);
  } catch (err) {
    return refusedOutcome(err, elapsed());
  }
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'Nenner-Webhooks/1',
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(message.at.getTime() / 1000)),
    'webhook-signature': signatureHeader(message.secrets, message.id, message.at, message.body),
  };
  return new Promise<AttemptOutcome>((resolve) => {
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', headers, lookup: pinnedLookup(policy), timeout: TIMEOUT_MS, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          if (kept < webhookLimits.responseBytesMax) {
            chunks.push(chunk);
            kept += chunk.length;
          } else res.destroy();
        });
        const done = () => {
          const code = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).subarray(0, webhookLimits.responseBytesMax).toString('utf8');
          resolve({
            status: code >= 200 && code < 300 ? 'delivered' : 'failed',
            responseCode: code,
            durationMs: elapsed(),
            responseBody: text === '' ? null : text,
            error: code >= 300 && code < 400 ? 'redirect not followed' : null,
          });
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    // the whole exchange, not just idle time, is bounded
    const deadline = setTimeout(() => request.destroy(new Error('timeout after 15 s')), TIMEOUT_MS);
    request.on('timeout', () => request.destroy(new Error('timeout after 15 s')));
    request.on('error', (err) => {
      clearTimeout(deadline);
      resolve(
        err instanceof SsrfError
          ? refusedOutcome(err, elapsed())
          : { status: 'failed', responseCode: null, durationMs: elapsed(), responseBody: null, error: err.message },
      );
    });
    request.on('close', () => clearTimeout(deadline));
    request.end(message.body);
  });
};

const refusedOutcome = (err: unknown, durationMs: number): AttemptOutcome => ({
  status: 'refused',
  responseCode: null,
  durationMs,
  responseBody: null,
  error: err instanceof Error ? err.message : String(err),
});
