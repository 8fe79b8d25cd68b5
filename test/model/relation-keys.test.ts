import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RelationKeys, relationKey } from '../../src/model/relations.js';

describe('RelationKeys (relation keys remembered for a run)', () => {
  it('gives relationKey\'s key for any pair, in either order, asked any number of times', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })), { maxLength: 20 }), (pairs) => {
        const keys = new RelationKeys();
        for (const [a, b] of [...pairs, ...pairs]) {
          expect(keys.key(a, b)).toBe(relationKey(a, b));
          expect(keys.key(b, a)).toBe(relationKey(a, b));
        }
      }),
    );
  });

  it('keeps ids such as constructor and __proto__ apart from inherited members', () => {
    const keys = new RelationKeys();
    expect(keys.key('constructor', '__proto__')).toBe('__proto__|constructor');
    expect(keys.key('__proto__', 'constructor')).toBe('__proto__|constructor');
  });
});
