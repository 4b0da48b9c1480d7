import type { Metadata } from 'next';
import { DateViewPage } from '@/components/tasks/date-view-page';

export const metadata: Metadata = { title: 'Today' };

/** Overdue tasks first, then what is due today, across every list. */
export default function TodayPage() {
  return <DateViewPage view="today" title="Today" label="Today's tasks" path="/today" />;
}
