import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROTECTED_KEYS, scoringProjection } from '../../../src/domain/anonymisation.js';
import { MATCHING_CONFIG, rankResults, scoreMatch, straightLineTravel, type Opportunity } from '../../../src/domain/matching/index.js';
import type { YouthProfile } from '../../../src/domain/youth-profile.js';
import { birthDate, opportunity, originOf, today, youthProfile } from './profiles.js';

const ctx = { config: MATCHING_CONFIG, travel: straightLineTravel(MATCHING_CONFIG), today };

/** What the suggestions do: project, find the point of departure from the commune, score. */
function scoreAll(profile: YouthProfile, opportunities: (Opportunity & { id: string })[]) {
  const { communeInsee, ...projection } = scoringProjection(profile, today);
  const origin = originOf(communeInsee);
  return opportunities.map((o) => ({ id: o.id, result: scoreMatch(projection, o, origin, ctx) }));
}

/** Every protected attribute, changed as the issue lists (birth date within the same legal age band, address within the same commune). */
const protectedChange = (p: YouthProfile): fc.Arbitrary<Partial<YouthProfile>> => {
  const minor = Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4)) - (today.slice(5) < p.birthDate.slice(5) ? 1 : 0) < 18;
  return fc.record(
    {
      firstName: fc.constantFrom('Mohamed', 'Jeanne', 'Kévin', 'Aïssatou', 'Thi Lan'),
      lastName: fc.constantFrom('Benali', 'Durand', 'Nguyen', 'Traoré', 'Kowalski'),
      gender: fc.constantFrom('female', 'male', 'non_binary', 'undisclosed' as const),
      birthDate: birthDate(minor),
      nationality: fc.constantFrom('FR', 'DZ', 'SN', 'VN', 'PL', null),
      address: fc.constantFrom('3 avenue de la Libération', 'Bâtiment C, cité des Tilleuls', null),
      postcode: fc.constantFrom('42000', '42100'),
      email: fc.constantFrom('autre@example.org'),
      phone: fc.constantFrom('+33798765432'),
      photoUrl: fc.constantFrom(null, 'https://cdn.example.fr/autre.jpg'),
      qpv: fc.boolean(),
      rqth: fc.boolean(),
    },
    { requiredKeys: [] },
  );
};

describe('blindness: protected attributes never weigh on a score', () => {
  it('changing any protected attribute leaves every score, explanation and ranking identical', () => {
    fc.assert(
      fc.property(
        youthProfile.chain((p) => fc.tuple(fc.constant(p), protectedChange(p))),
        fc.array(opportunity, { minLength: 1, maxLength: 8 }),
        ([profile, change], opportunities) => {
          const before = scoreAll(profile, opportunities);
          const after = scoreAll({ ...profile, ...change }, opportunities);
          expect(after).toEqual(before);
          expect(rankResults(after).map((r) => r.id)).toEqual(rankResults(before).map((r) => r.id));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the ranking of several youth for one offer does not move when their identities are swapped', () => {
    fc.assert(
      fc.property(fc.array(youthProfile, { minLength: 2, maxLength: 6 }), opportunity, (profiles, offer) => {
        const rank = (ps: YouthProfile[]) =>
          rankResults(ps.map((p) => ({ id: p.id, result: scoreAll(p, [offer])[0]!.result }))).map((r) => r.id);
        // Each youth takes the identity block of the next one (within the same age band: the
        // minor status is a legal constraint, not a protected attribute here).
        const swapped = profiles.map((p, i) => {
          const other = profiles[(i + 1) % profiles.length]!;
          const sameBand = (a: string, b: string) => (a > '2008-11-29') === (b > '2008-11-29');
          return {
            ...p,
            firstName: other.firstName,
            lastName: other.lastName,
            gender: other.gender,
            nationality: other.nationality,
            photoUrl: other.photoUrl,
            qpv: other.qpv,
            rqth: other.rqth,
            birthDate: sameBand(p.birthDate, other.birthDate) ? other.birthDate : p.birthDate,
          };
        });
        expect(rank(swapped)).toEqual(rank(profiles));
      }),
      { numRuns: 200 },
    );
  });

  it('is not a test that cannot fail: a score that read gender would be caught', () => {
    const leaky = (p: YouthProfile, o: Opportunity & { id: string }) => scoreAll(p, [o])[0]!.result.score + (p.gender === 'female' ? -5 : 0);
    const found = fc.check(
      fc.property(youthProfile.chain((p) => fc.tuple(fc.constant(p), protectedChange(p))), opportunity, ([p, change], o) => {
        expect(leaky({ ...p, ...change }, o)).toBe(leaky(p, o));
      }),
      { numRuns: 300 },
    );
    expect(found.failed).toBe(true);
  });
});

describe('the scoring module cannot reach the identity block', () => {
  it('reads none of the protected keys, even when handed a whole profile', () => {
    fc.assert(
      fc.property(youthProfile, opportunity, (profile, o) => {
        const projection = scoringProjection(profile, today);
        const read: string[] = [];
        const guarded = new Proxy(
          { ...profile, ...projection },
          {
            get(target, key, receiver) {
              if ((PROTECTED_KEYS as readonly PropertyKey[]).includes(key) || key === 'barriers' || key === 'consent') read.push(String(key));
              return Reflect.get(target, key, receiver);
            },
          },
        );
        scoreMatch(guarded, o, originOf(profile.communeInsee), ctx);
        expect(read).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('imports no value from outside its folder but the pure geo and profile vocabularies', () => {
    const dir = new URL('../../../src/domain/matching/', import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      const imports = [...source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)];
      expect(imports.length).toBeGreaterThan(0);
      for (const [, typeOnly, from] of imports) {
        if (typeOnly) continue;
        expect(['./config.js', './travel.js', './scoring.js', './retrieval.js', '../geo.js', '../youth-profile.js'], `${file} imports ${from}`).toContain(from);
      }
      expect(source, file).not.toMatch(/[.?]\s*(firstName|lastName|birthDate|gender|nationality|photoUrl|qpv|rqth|postcode|communeInsee|barriers)\b/);
    }
  });
});
