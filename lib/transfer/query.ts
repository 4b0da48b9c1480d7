import { z } from 'zod';
import { createListSchema } from '../lists/schema';
import { DEFAULT_IMPORT_LIST_NAME } from './model';

/** `?name=` of POST /api/import: the file's name, less its extension, names a Todoist import's list. */
export const importQuerySchema = z.strictObject({
  name: z
    .string()
    .optional()
    .transform((fileName) => (fileName ?? '').replace(/\.[^.]*$/, '').trim() || DEFAULT_IMPORT_LIST_NAME)
    .pipe(createListSchema.shape.name),
});
