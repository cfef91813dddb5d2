/**
 * How the PostgreSQL engine splits a long list of ROME codes into ranges of its (rome_code, geo)
 * index: at the widest gaps, so that a range walks little the list leaves out.
 */
import { describe, expect, it } from 'vitest';
import { romeRuns } from '../../../src/adapters/search/postgres-engine.js';

describe('ROME code runs', () => {
  it('cuts at the widest gaps: another letter first, then a code or a domain left out', () => {
    // The same domain as K1303, less K1303 itself.
    expect(romeRuns(['K1301', 'K1302', 'K1304', 'K1305', 'K1306'], 4)).toEqual([
      ['K1301', 'K1302'],
      ['K1304', 'K1306'],
    ]);
    // The same family as G1602 and K1303, less their domains (codes numbered as in the ROME).
    const domain = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
    const family = [
      ...['G11', 'G12', 'G13', 'G14', 'G15', 'G17', 'G18'].flatMap((d, i) => domain(d, [8, 42, 8, 16, 3, 8, 4][i]!)),
      ...['K11', 'K12', 'K14'].flatMap((d, i) => domain(d, [8, 27, 17][i]!)),
    ];
    expect(romeRuns(family, 4)).toEqual([
      ['G1101', 'G1503'],
      ['G1701', 'G1804'],
      ['K1101', 'K1227'],
      ['K1401', 'K1417'],
    ]);
    expect(romeRuns(['A1101', 'A1102', 'A1103', 'A1104', 'A1105'], 4)).toEqual([['A1101', 'A1105']]);
  });

  it('gives up when the codes span more letters than walks', () => {
    expect(romeRuns(['A1101', 'B1101', 'C1101', 'D1101', 'E1101'], 4)).toBeNull();
  });
});
