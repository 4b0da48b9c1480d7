import { mutationOptions, type QueryClient } from '@tanstack/react-query';
import { postTagRename, sendTagDelete } from '@/lib/client/tasks-api';
import { TASK_MUTATION_KEY } from './task-cache';
import { tagKeys, taskKeys } from './task-queries';

/** Tag rename and removal change many tasks at once: the lists and tags are fetched again afterwards. */
export function renameTagMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'tag-rename'],
    mutationFn: ({ from, to }: { readonly from: string; readonly to: string }) => postTagRename(from, to),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: taskKeys.all }), queryClient.invalidateQueries({ queryKey: tagKeys.all })]),
  });
}

export function deleteTagMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationKey: [...TASK_MUTATION_KEY, 'tag-delete'],
    mutationFn: (name: string) => sendTagDelete(name),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: taskKeys.all }), queryClient.invalidateQueries({ queryKey: tagKeys.all })]),
  });
}
