import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';

type Tree = { [k: string]: string | Tree };

/** Keys with their plural suffix removed, since Vietnamese has one plural form and English two. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix + k.replace(/_(one|other)$/, '');
    if (typeof v === 'string') out.add(path);
    else for (const sub of keys(v, `${path}.`)) out.add(sub);
  }
  return out;
}

function strings(tree: Tree): string[] {
  return Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : strings(v)));
}

describe('translations', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect([...keys(en as Tree)].sort()).toEqual([...keys(vi as Tree)].sort());
  });

  it('are written in NFC and have no empty text', () => {
    for (const s of [...strings(vi as Tree), ...strings(en as Tree)]) {
      expect(s).toBe(s.normalize('NFC'));
      expect(s.trim()).not.toBe('');
    }
  });
});
