import { z } from 'zod';
import { Cursor, IdParams, Limit } from '../schemas/common.js';
import { endpoint } from './endpoint.js';

const tag = 'notifications';

/** One in-app notification; `data` fills its text in the reader's language. */
const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  data: z.record(z.string(), z.string()),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const NotificationPage = z.object({
  items: z.array(Notification),
  nextCursor: z.string().nullable(),
  unread: z.number(),
});

export const notificationEndpoints = {
  listNotifications: endpoint({
    method: 'GET',
    path: '/api/notifications',
    tag,
    summary: 'Your notifications, newest first, with the unread count',
    query: z.strictObject({ limit: Limit, cursor: Cursor.optional() }),
    response: NotificationPage,
    action: 'self.manage',
  }),
  readNotification: endpoint({
    method: 'POST',
    path: '/api/notifications/:id/read',
    tag,
    summary: 'Mark one as read',
    params: IdParams,
    action: 'self.manage',
  }),
  readAllNotifications: endpoint({
    method: 'POST',
    path: '/api/notifications/read-all',
    tag,
    summary: 'Mark all as read',
    action: 'self.manage',
  }),
};
