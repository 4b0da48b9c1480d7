'use client';

import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { fetchNotifications, markNotificationsRead, type NotificationPage } from '@/lib/client/notifications-api';

/** The bell's data: the caller's notifications, polled every 30 s. */

export const NOTIFICATIONS_POLL_MS = 30_000;
export const notificationKeys = { all: ['notifications'] as const };

/** The hook point for live events: a notice that a reminder arrived can call this instead of waiting for the poll. */
export function refreshNotifications(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

export function useNotifications() {
  return useQuery<NotificationPage>({ queryKey: notificationKeys.all, queryFn: fetchNotifications, refetchInterval: NOTIFICATIONS_POLL_MS });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onMutate: async (which) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.all });
      const before = queryClient.getQueryData<NotificationPage>(notificationKeys.all);
      if (before) {
        const read = (id: string) => 'all' in which || which.ids.includes(id);
        const items = before.items.map((item) => (read(item.id) ? { ...item, read: true } : item));
        queryClient.setQueryData<NotificationPage>(notificationKeys.all, { ...before, items, unread: Math.max(0, before.unread - before.items.filter((item) => !item.read && read(item.id)).length) });
      }
      return { before };
    },
    onError: (_error, _which, context) => {
      if (context?.before) queryClient.setQueryData(notificationKeys.all, context.before);
    },
    onSettled: () => refreshNotifications(queryClient),
  });
}
