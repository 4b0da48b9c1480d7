import type { Role } from '@/lib/lists/schema';

/** How each role reads in sentences: "as an editor". */
export const ROLE_NAMES: Readonly<Record<Role, { readonly name: string; readonly article: string }>> = {
  owner: { name: 'Owner', article: 'the owner' },
  editor: { name: 'Editor', article: 'an editor' },
  viewer: { name: 'Viewer', article: 'a viewer' },
};
