import { z } from 'zod';

/** GET /api/sync's query (SPEC §6.3). `limit` is the page's budget of change entries read. */
export const SYNC_PAGE_DEFAULT = 200;
export const SYNC_PAGE_MAX = 500;
/** A token of ~700 lists; one past any account's lists is refused before it is even checked. */
const SYNC_TOKEN_MAX_CHARS = 20_000;

export const syncQuerySchema = z.strictObject({
  since: z.string().min(1, 'since is a token from an earlier sync.').max(SYNC_TOKEN_MAX_CHARS, 'That sync token is not valid.').optional(),
  limit: z.coerce
    .number({ error: `limit is a whole number from 1 to ${SYNC_PAGE_MAX}.` })
    .int(`limit is a whole number from 1 to ${SYNC_PAGE_MAX}.`)
    .min(1, `limit is a whole number from 1 to ${SYNC_PAGE_MAX}.`)
    .max(SYNC_PAGE_MAX, `limit is a whole number from 1 to ${SYNC_PAGE_MAX}.`)
    .default(SYNC_PAGE_DEFAULT),
});
export type SyncQuery = z.infer<typeof syncQuerySchema>;
