import type { EndpointResponse, notificationEndpoints } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { AppError } from '../../http/errors.js';
import { encodeCursor } from '../../lib/cursor.js';
import { newId, nowIso } from '../../lib/ids.js';
import { queueEmail } from '../mail/mail.service.js';
import { renderTemplate } from '../mail/templates.js';
import {
  countUnread,
  findRecipients,
  findSalesManagerIds,
  insertNotifications,
  listNotificationRows,
  markEntityRead,
  markRead,
} from './notifications.repository.js';

type NotificationPage = EndpointResponse<typeof notificationEndpoints.listNotifications>;
type Notification = NotificationPage['items'][number];

/**
 * Tells users in the app and by email, in the caller's transaction. `data` fills the templates
 * (a key `x_de` / `x_en` gives `x` in that language); `due` is an ISO instant shown in each
 * recipient's language and time zone.
 */
export const notifyUsers = async (
  ctx: AppContext,
  db: Db,
  userIds: string[],
  kind: string,
  entity: { type: string; id: string; path: string },
  data: Record<string, string>,
): Promise<void> => {
  const recipients = await findRecipients(db, [...new Set(userIds)]);
  const now = nowIso();
  await insertNotifications(
    db,
    recipients.map((r) => ({
      id: newId(),
      user_id: r.id,
      kind,
      entity_type: entity.type,
      entity_id: entity.id,
      data: JSON.stringify(data),
      created_at: now,
      read_at: null,
    })),
  );
  for (const r of recipients) {
    const locale = r.locale === 'en' ? 'en' : 'de';
    const due = data.due
      ? new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: r.time_zone,
        }).format(new Date(data.due))
      : '';
    const mail = renderTemplate(kind, locale, {
      ...data,
      due,
      name: r.name,
      link: `${ctx.config.publicUrl}${entity.path}`,
    });
    await queueEmail(db, { to: r.email, ...mail });
  }
};

/**
 * The thing a notification pointed to was handled: its notifications of these kinds read themselves, for
 * everyone who got them (or only `userIds`), in the caller's transaction. The bell then counts only what
 * still asks for someone.
 */
export const settleNotifications = async (
  db: Db,
  entity: { type: string; id: string },
  kinds: readonly string[],
  userIds?: readonly string[],
): Promise<void> => {
  if (kinds.length === 0 || userIds?.length === 0) return;
  await markEntityRead(db, entity, kinds, nowIso(), userIds);
};

export const salesManagerIds = (db: Db) => findSalesManagerIds(db);

/** The caller's notifications, newest first, with the unread count. */
export const listNotifications = async (
  ctx: AppContext,
  actor: Actor,
  limit: number,
  cursor?: string,
): Promise<NotificationPage> => {
  const rows = await listNotificationRows(ctx.db, actor.id, limit, cursor);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(
      (r): Notification => ({
        id: r.id,
        kind: r.kind,
        entityType: r.entity_type,
        entityId: r.entity_id,
        data: r.data ? (JSON.parse(r.data) as Record<string, string>) : {},
        createdAt: r.created_at,
        readAt: r.read_at,
      }),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    unread: await countUnread(ctx.db, actor.id),
  };
};

/** Marks one (or, without id, every) notification of the caller as read. */
export const readNotifications = async (ctx: AppContext, actor: Actor, id?: string): Promise<void> => {
  const result = await markRead(ctx.db, actor.id, nowIso(), id);
  if (id && Number(result.numUpdatedRows) === 0) throw new AppError('notification_not_found');
};
