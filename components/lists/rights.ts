/**
 * Who may do what, for the UI to hide what a role cannot do. lib/lists/schema.ts is the one source; it
 * also holds the zod schemas, which ride along into the client bundle until CAN and roleAllows live in a
 * module without zod. Every client import goes through here, so that move changes one line.
 */
export { LIST_NAME_MAX, roleAllows } from '@/lib/lists/schema';
