/** The colours a list can take from the UI; the API accepts any #rrggbb, shown as "Custom". */
export const LIST_COLORS: readonly { readonly value: string; readonly name: string }[] = [
  { value: '#d93f3f', name: 'Red' },
  { value: '#e8833a', name: 'Orange' },
  { value: '#d4a51c', name: 'Yellow' },
  { value: '#3a9a4f', name: 'Green' },
  { value: '#1b8f9e', name: 'Teal' },
  { value: '#3f6fe0', name: 'Blue' },
  { value: '#8a55d9', name: 'Purple' },
  { value: '#d0549a', name: 'Pink' },
  { value: '#7c8593', name: 'Grey' },
];

export function colorName(color: string | null): string {
  if (color === null) return 'No colour';
  return LIST_COLORS.find((option) => option.value === color.toLowerCase())?.name ?? 'Custom';
}
