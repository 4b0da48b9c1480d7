import type { Reminder, ReminderRule } from '@/lib/reminders/rules';
import { apiFetch } from './api';

/** The browser's calls for a task's reminders (the caller's own), used by the details panel. */

export async function fetchTaskReminders(taskId: string): Promise<Reminder[]> {
  return ((await apiFetch(`/api/tasks/${encodeURIComponent(taskId)}`)) as { reminders?: Reminder[] }).reminders ?? [];
}

export async function saveTaskReminders(taskId: string, rules: readonly ReminderRule[]): Promise<Reminder[]> {
  return ((await apiFetch(`/api/tasks/${encodeURIComponent(taskId)}`, { method: 'PATCH', body: { reminders: rules } })) as { reminders: Reminder[] }).reminders;
}
