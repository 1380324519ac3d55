import { describe, expect, it } from 'vitest';
import sv from './sv.json';
import en from './en.json';

type Tree = { [key: string]: string | Tree };
const keysOf = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );

describe('translations', () => {
  it('have the same keys in Swedish and English', () => {
    expect(keysOf(en as Tree).sort()).toEqual(keysOf(sv as Tree).sort());
  });
  it('have no empty strings', () => {
    for (const [name, tree] of [
      ['sv', sv],
      ['en', en],
    ] as const) {
      const walk = (t: Tree, path: string): void => {
        for (const [key, value] of Object.entries(t)) {
          if (typeof value === 'string') expect(value.trim(), `${name}:${path}${key}`).not.toBe('');
          else walk(value, `${path}${key}.`);
        }
      };
      walk(tree as Tree, '');
    }
  });
});
