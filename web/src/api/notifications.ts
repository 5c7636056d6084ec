import { useQuery } from '@tanstack/react-query';
import { api, enc } from './client.ts';
import type { NotificationList } from './types.ts';

export const notificationsKey = ['notifications'] as const;

/** The signed-in user's notifications, newest first, refreshed every minute while a page is open. */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api<NotificationList>('/api/me/notifications'),
    enabled,
    refetchInterval: 60_000,
  });
}

export const markNotificationRead = (id: number) =>
  api<{ ok: true }>(`/api/me/notifications/${enc(id)}/read`, { method: 'POST' });
