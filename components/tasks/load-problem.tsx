import { ApiError } from '@/lib/client/api';
import { Button } from '@/components/ui/button';
import styles from './tasks.module.css';

/** A list that could not load: what went wrong, and Retry. */
export function LoadProblem({ error, onRetry }: { readonly error: unknown; readonly onRetry: () => void }) {
  return (
    <div role="alert" className={styles.problem}>
      <p className={styles.problemTitle}>Your tasks could not be loaded.</p>
      <p>{error instanceof ApiError ? error.detail : 'Something went wrong.'}</p>
      <Button variant="secondary" onClick={onRetry}>
        Retry
      </Button>
    </div>
  );
}
