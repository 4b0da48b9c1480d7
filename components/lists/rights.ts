/** Who may do what, for the UI to hide what a role cannot do: the zod-free rule module the server uses too. */
export { LIST_NAME_MAX, roleAllows } from '@/lib/lists/rights';
