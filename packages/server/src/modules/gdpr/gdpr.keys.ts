import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { nowIso } from '../../lib/ids.js';
import { findStoredKey, insertStoredKeyIfNone } from './gdpr.repository.js';

const cache = new WeakMap<AppContext, Buffer>();

/**
 * The server secret that keys the suppression hashes and the unsubscribe links: NENNER_SECRET, or a
 * random key made once and kept in the database, so `npm start` works without configuration. Inside a
 * transaction, pass it as `db` (SQLite has one connection).
 */
export const serverKey = async (ctx: AppContext, db: Db = ctx.db): Promise<Buffer> => {
  const known = cache.get(ctx);
  if (known) return known;
  let key: Buffer;
  if (ctx.config.gdpr.secret) key = Buffer.from(ctx.config.gdpr.secret, 'utf8');
  else {
    await insertStoredKeyIfNone(db, randomBytes(32).toString('base64url'), nowIso());
    const stored = await findStoredKey(db);
    if (!stored) throw new Error('The GDPR key could not be stored');
    key = Buffer.from(stored, 'base64url');
  }
  cache.set(ctx, key);
  return key;
};

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

/** The email's keyed hash (trimmed, lower case): what the suppression list holds instead of the address. */
export const emailHash = (key: Buffer, email: string): string => mac(key, `email:${email.trim().toLowerCase()}`);

/** A link token that names the contact and cannot be forged: `<contactId>.<hmac>`. */
export const unsubscribeToken = (key: Buffer, contactId: string): string =>
  `${contactId}.${mac(key, `unsubscribe:${contactId}`)}`;

/** The contact a token names, or undefined when it was not made with this server's key. */
export const contactOfToken = (key: Buffer, token: string): string | undefined => {
  const [contactId, given] = token.split('.');
  if (!contactId || !given) return undefined;
  const expected = Buffer.from(mac(key, `unsubscribe:${contactId}`));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? contactId : undefined;
};
