import 'server-only';
import { ConflictError, PreconditionFailedError } from '../errors';
import { VersionConflictError } from './repository';

/**
 * The one way a task write meets a concurrent one: read, change, conditional write, and on losing the
 * race read and try again, a few times. With If-Match the caller asked for exactly one version, so a
 * lost race is 412 at once; without, running out of tries is 409 "try again", never a 500.
 */

const MAX_TRIES = 5;
export const TOO_BUSY = 'The task is changing too fast; try again.';

export async function retryOnVersionConflict<T>(attempt: () => Promise<T>, options: { readonly ifMatch?: boolean } = {}): Promise<T> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      if (options.ifMatch) throw new PreconditionFailedError();
      if (tries >= MAX_TRIES) throw new ConflictError(TOO_BUSY);
    }
  }
}
