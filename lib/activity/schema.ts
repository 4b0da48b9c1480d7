import { z } from 'zod';

/** The query of GET /api/activity. */
export const listActivityQuerySchema = z.strictObject({
  taskId: z.uuid({ error: 'taskId is a task id.' }).optional(),
  limit: z.coerce
    .number({ error: 'limit is a number from 1 to 100.' })
    .int('limit is a number from 1 to 100.')
    .min(1, 'limit is a number from 1 to 100.')
    .max(100, 'limit is a number from 1 to 100.')
    .default(20),
  cursor: z.string().max(2048, 'That cursor is not valid.').optional(),
});
export type ListActivityQuery = z.infer<typeof listActivityQuerySchema>;
