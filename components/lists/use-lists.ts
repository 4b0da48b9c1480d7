'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { List } from '@/lib/lists/schema';
import { listsOptions } from '@/lib/query/lists';

/** The person's lists in sidebar order (the layout prefetches them, so they are there on first paint). */
export function useLists() {
  return useQuery(listsOptions());
}

/** One list of the person's, or undefined while unknown (or no longer theirs). */
export function useList(listId: string | null | undefined): List | undefined {
  const { data } = useLists();
  return useMemo(() => (listId ? data?.find((list) => list.id === listId) : undefined), [data, listId]);
}

export function useInbox(): List | undefined {
  const { data } = useLists();
  return useMemo(() => data?.find((list) => list.inbox), [data]);
}
