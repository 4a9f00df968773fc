import { describe, expect, it } from 'vitest';
import { badgeFor } from './badge';
import { EMOTIONS } from './emotions';

describe('badge', () => {
  it('shows a short word per mood and clears without one', () => {
    expect(badgeFor('happy').text).toBe('HAPY');
    expect(badgeFor('sad').title).toMatch(/sad/);
    expect(badgeFor(null).text).toBe('');
    for (const emotion of EMOTIONS) expect(badgeFor(emotion).text.length).toBeLessThanOrEqual(4);
  });
});
