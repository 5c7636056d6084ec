import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema, notificationListSchema, okSchema, idParam } from '@core/api.ts';
import type { Deps } from '../../context.ts';
import { listMyNotifications } from '../../services/notifications/list-my-notifications.ts';
import { markNotificationRead } from '../../services/notifications/mark-notification-read.ts';
import { operationDoc } from '../openapi.ts';

const errors = { '4xx': errorBodySchema, '5xx': errorBodySchema };

export function notificationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/me/notifications',
    {
      schema: {
        tags: ['notifications'],
        ...operationDoc(
          'My notifications',
          "The caller's in-app notifications, newest first, with title and body in both languages and the " +
            'unread count.',
          ['signedIn'],
        ),
        response: { 200: notificationListSchema, ...errors },
      },
    },
    async (req) => listMyNotifications(deps, req.actor),
  );

  r.post(
    '/api/me/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        ...operationDoc(
          'Mark a notification read',
          "Marks one of the caller's notifications read; someone else's is `notification.notFound`.",
          ['signedIn'],
        ),
        params: z.object({ id: idParam }),
        response: { 200: okSchema, ...errors },
      },
    },
    async (req) => {
      await markNotificationRead(deps, req.actor, req.params.id);
      return { ok: true as const };
    },
  );
}
