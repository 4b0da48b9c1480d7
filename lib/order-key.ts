import { generateKeyBetween } from 'fractional-indexing';
import { z } from 'zod';

/**
 * Order keys (fractional-indexing): where a task sits in its list, or a list in a person's sidebar.
 * The server stores what a client sends, and every client later computes keys around the stored ones,
 * so a key the library cannot place others around (e.g. "a10": a fraction may not end in 0) would break
 * reordering for everyone who sees it.
 */

const SHAPE = /^[0-9A-Za-z]{1,64}$/;
const MESSAGE = 'position is a sort key.';

/** Whether fractional-indexing accepts the key (it validates the key it is asked to place one after). */
export function isOrderKey(key: string): boolean {
  if (!SHAPE.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** A position a client asks for (PATCH): a key the library can work with. */
export const orderKeySchema = z.string({ error: MESSAGE }).refine(isOrderKey, MESSAGE);

/** A position in an import file: only its order counts (imported tasks and lists get keys of their own). */
export const importedOrderSchema = z.string({ error: MESSAGE }).regex(SHAPE, MESSAGE);
