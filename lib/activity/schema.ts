import { z } from 'zod';
import { pageLimitSchema } from '../tasks/schema';

/** The query of GET /api/activity. */
export const listActivityQuerySchema = z.strictObject({
  taskId: z.uuid({ error: 'taskId is a task id.' }).optional(),
  listId: z.uuid({ error: 'listId is a list id.' }).optional(),
  limit: pageLimitSchema,
  cursor: z.string().max(2048, 'That cursor is not valid.').optional(),
});
export type ListActivityQuery = z.infer<typeof listActivityQuerySchema>;
