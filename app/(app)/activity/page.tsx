import type { Metadata } from 'next';
import { ActivityFeed } from '@/components/activity/activity-feed';

export const metadata: Metadata = { title: 'Activity' };

/** The whole account's activity log. The (app) layout has already checked the session. */
export default function ActivityPage() {
  return (
    <>
      <h1>Activity</h1>
      <section aria-labelledby="activity-heading" className="panel">
        <h2 id="activity-heading" className="visually-hidden">
          Recent changes
        </h2>
        <ActivityFeed taskId={null} />
      </section>
    </>
  );
}
