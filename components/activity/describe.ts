import type { Activity } from '@/lib/activity/item';
import type { FieldValue } from '@/lib/events/schema';
import { describeRecurrence } from '@/lib/recurrence/describe';

/** Plain-language sentences for activity entries: "Completed “Buy milk”", "3 min ago". */

const FIELD_NAMES = { title: 'title', description: 'description', dueDate: 'due date', priority: 'priority', completed: 'status', listId: 'list', recurrence: 'repeat' } as const;

const quoted = (text: string) => `“${text}”`;

/** "Dec 7" for 2026-12-07: a calendar date, read without any time zone. */
const shortDate = (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

function describeRepeat(title: string, to: FieldValue): string {
  if (to === null || typeof to !== 'object') return `Stopped repeating ${title}`;
  const words = describeRecurrence(to);
  return words ? `Set ${title} to repeat ${words.charAt(0).toLowerCase()}${words.slice(1)}` : `Set ${title} to repeat`;
}

function describeUpdate(entry: Activity): string {
  const changes = entry.changes ?? {};
  const fields = Object.keys(changes) as (keyof typeof FIELD_NAMES)[];
  const only = fields.length === 1 ? fields[0] : undefined;
  const change = only ? changes[only] : undefined;
  if (only === 'title' && change) return `Renamed ${quoted(String(change.from))} to ${quoted(String(change.to))}`;
  if (only === 'priority' && change) return `Set the priority of ${quoted(entry.title)} to ${String(change.to)}`;
  if (only === 'dueDate' && change) {
    return change.to === null ? `Removed the due date of ${quoted(entry.title)}` : `Set ${quoted(entry.title)} due ${String(change.to)}`;
  }
  if (only === 'recurrence' && change) return describeRepeat(quoted(entry.title), change.to);
  if (only === 'description') return `Edited the description of ${quoted(entry.title)}`;
  if (only === 'listId') return `Moved ${quoted(entry.title)} to another list`;
  return `Edited ${quoted(entry.title)}${fields.length > 0 ? ` (${fields.map((field) => FIELD_NAMES[field]).join(', ')})` : ''}`;
}

/**
 * The sentence for an entry: "Completed “Buy milk”" for the viewer's own changes, "Sam completed
 * “Buy milk”" for another member's (on a shared list).
 */
export function describeActivity(entry: Activity, viewerId: string | null = null): string {
  const sentence = describeChange(entry);
  const other = entry.actor.name && viewerId !== null && entry.actor.id !== viewerId;
  return other ? `${entry.actor.name} ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : sentence;
}

function describeChange(entry: Activity): string {
  const title = quoted(entry.title);
  const file = entry.attachment ? quoted(entry.attachment.fileName) : 'an image';
  switch (entry.type) {
    case 'task.created':
      return `Created ${title}`;
    case 'task.completed':
      return entry.occurrence ? `Completed the ${shortDate(entry.occurrence)} occurrence of ${title}` : `Completed ${title}`;
    case 'task.reopened':
      return `Reopened ${title}`;
    case 'task.deleted':
      return `Deleted ${title}`;
    case 'task.updated':
      return describeUpdate(entry);
    case 'attachment.ready': {
      const labels = entry.attachment?.labels ?? [];
      return `Attached ${file} to ${title}${labels.length > 0 ? `, labelled ${labels.slice(0, 3).join(', ')}` : ''}`;
    }
    case 'attachment.deleted':
      return `Removed ${file} from ${title}`;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "3 min ago", "2 h ago", "yesterday", then the date. */
export function timeAgo(at: string, now: number): string {
  const elapsed = Math.max(0, now - Date.parse(at));
  if (elapsed < 45_000) return 'just now';
  if (elapsed < HOUR) return `${Math.max(1, Math.round(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.round(elapsed / HOUR)} h ago`;
  if (elapsed < 2 * DAY) return 'yesterday';
  return new Date(at).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
}
