/**
 * Who an inject is addressed to: its MSEL `to` text names a nation (by name or id), or
 * says "all"; empty means every player.
 */
export function addressedTo(to: string, nationId: string, nationName: string): boolean {
  const text = to.toLowerCase();
  if (text.trim() === '' || /\ball\b/.test(text)) return true;
  return text.includes(nationName.toLowerCase()) || new RegExp(`\\b${nationId.toLowerCase()}\\b`).test(text);
}

