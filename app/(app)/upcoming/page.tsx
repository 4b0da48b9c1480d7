import type { Metadata } from 'next';
import { DateViewPage } from '@/components/tasks/date-view-page';

export const metadata: Metadata = { title: 'Upcoming' };

/** What is due today and in the next 6 days, day by day, across every list. */
export default function UpcomingPage() {
  return <DateViewPage view="upcoming" title="Upcoming" label="Upcoming tasks" path="/upcoming" />;
}
