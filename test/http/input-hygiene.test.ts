import { describe, expect, it } from 'vitest';
import { useTestContext } from '../helpers/context.js';
import { countRows, offerInput, slotInput, youthInput } from '../helpers/factories.js';

/**
 * Finding 11: names, titles, labels and e-mails refuse control, bidi and invisible
 * characters; free text keeps its line breaks only; e-mails keep to RFC 5321's lengths.
 */
const t = await useTestContext();
const admin = await t.userWithToken('admin');
const advisor = await t.userWithToken('advisor');
const employer = await t.userWithToken('employer');
const organiser = await t.userWithToken('organiser');

/** Each is refused in a single-line field, wherever it stands. */
const REFUSED_IN_A_LINE: Record<string, string> = {
  'line feed': 'Camille\nMartin',
  'carriage return': 'Camille\rMartin',
  'CR LF at the end': 'Camille\r\n',
  tab: 'Camille\tMartin',
  'C1 control (NEL)': 'Camille\u0085Martin',
  'DEL': 'Camille\u007F',
  'right-to-left override': 'Camille\u202EnitraM',
  'left-to-right embedding': '\u202ACamille',
  'first strong isolate': 'Camille\u2068Martin\u2069',
  'zero-width space': 'Cam\u200Bille',
  'zero-width joiner': 'Cam\u200Dille',
  'right-to-left mark': 'Camille\u200F',
  'word joiner': 'Cam\u2060ille',
  'invisible separator': 'Cam\u2063ille',
  'byte order mark': '\uFEFFCamille',
  'soft hyphen': 'Ca\u00ADmille',
  'line separator': 'Camille\u2028Martin',
  'Hangul filler': '\u3164',
  'tag character': 'Camille\u{E0041}',
};

function expectRefused(res: { status: number; headers: Headers; body: any }, path: string, code = 'invalid_character') {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ code: 'validation_failed' });
  expect(res.body.errors).toContainEqual(expect.objectContaining({ path, code }));
}

describe('single-line fields', () => {
  it('a youth’s names, address, skills and experience titles refuse every kind, and nothing is written', async () => {
    const before = await countRows(t);
    for (const [kind, value] of Object.entries(REFUSED_IN_A_LINE)) {
      for (const [path, input] of [
        ['firstName', youthInput({ firstName: value })],
        ['lastName', youthInput({ lastName: value })],
        ['address', youthInput({ address: `12 rue ${value}` })],
        ['skills.1', youthInput({ skills: ['Accueil', value] })],
        ['experiences.0.title', youthInput({ experiences: [{ title: value, months: 3 }] })],
      ] as const) {
        const res = await t.request('POST', '/v1/youth', { token: advisor.token, json: input });
        expect(res.status, `${kind} in ${path}`).toBe(422);
        expectRefused(res, path);
      }
    }
    expect(await countRows(t)).toEqual(before);
  });

  it('on a PATCH too, with the field path', async () => {
    const created = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput() });
    expect(created.status).toBe(201);
    const res = await t.request('PATCH', `/v1/youth/${created.body.id}`, { token: advisor.token, json: { lastName: `Mar\u202Etin${'n'.repeat(120)}` } });
    expectRefused(res, 'lastName');
    // One error for the field, naming the character (not also its length, measured over it).
    expect(res.body.errors).toEqual([{ path: 'lastName', code: 'invalid_character', message: expect.stringContaining('U+202E at position 3') }]);
    const after = await t.request('GET', `/v1/youth/${created.body.id}`, { token: advisor.token });
    expect(after.body.lastName).toBe('Martin');
  });

  it('offer titles and skills, structure, employer and user names, event titles and addresses, tutor names', async () => {
    const cases: [string, string, string, unknown][] = [
      [employer.token, '/v1/offers', 'title', offerInput({ title: 'Vendeur\u200B' })],
      [employer.token, '/v1/offers', 'requiredSkills.0', offerInput({ requiredSkills: ['Accueil\nclient'] })],
      [admin.token, '/v1/structures', 'name', { name: 'Mission Locale\u202E' }],
      [admin.token, '/v1/employers', 'name', { name: 'Boulangerie\tMartin', siret: '73282932000074' }],
      [admin.token, '/v1/users', 'firstName', { email: 'camille@ml.test', firstName: 'Ca\u00ADmille', lastName: 'Martin', role: 'admin' }],
      // Every field is checked even when others are missing: a partial body is enough to see these two.
      [organiser.token, '/v1/events', 'title', { title: 'Forum\r\nde l’emploi' }],
      [organiser.token, '/v1/events', 'place.address', { place: { address: '1 place\u2066 Carnot', communeInsee: '42218' } }],
      [employer.token, '/v1/immersion-slots', 'tutor.name', slotInput({ tutor: { name: 'Samia\u200DBenali', job: 'Gérante', email: 'samia@epicerie.test', phone: '0612345678' } })],
    ];
    for (const [token, path, field, json] of cases) {
      expectRefused(await t.request('POST', path, { token, json }), field);
    }
  });

  it('text is stored in NFC and trimmed: a name typed with a combining accent is the same name', async () => {
    const res = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput({ firstName: ' Ame\u0301lie ', lastName: 'Lefe\u0300vre' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.firstName).toBe('Amélie');
    expect(res.body.firstName).toHaveLength(6);
    expect(res.body.lastName).toBe('Lefèvre');
  });

  it('letters of every script, apostrophes and hyphens are kept', async () => {
    const res = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput({ firstName: 'Zoë-Aïcha', lastName: 'N’Diaye عبد الله' }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lastName).toBe('N’Diaye عبد الله');
  });
});

describe('free text', () => {
  it('keeps line breaks, CR LF and CR folded into LF', async () => {
    const res = await t.request('POST', '/v1/offers', {
      token: employer.token,
      json: offerInput({ description: 'Accueil des clients.\r\nMise en rayon.\rEncaissement.\n\nHoraires de jour.' }),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.description).toBe('Accueil des clients.\nMise en rayon.\nEncaissement.\n\nHoraires de jour.');
  });

  it('refuses other controls and bidi overrides or isolates, with the field path', async () => {
    for (const value of ['Accueil\tclients', 'Accueil\u0007', 'Prix \u202E0051\u202C €', 'Accueil \u2067x\u2069', 'Accueil\u2028clients']) {
      expectRefused(await t.request('POST', '/v1/offers', { token: employer.token, json: offerInput({ description: value }) }), 'description');
    }
    const youth = youthInput({ experiences: [{ title: 'Vente', months: 3, description: 'Caisse\u202Eet rayon' }] });
    expectRefused(await t.request('POST', '/v1/youth', { token: advisor.token, json: youth }), 'experiences.0.description');
  });

  it('the characters some scripts and emoji need stay in free text (zero-width joiner, non-joiner)', async () => {
    const description = 'Équipe accueillante 👩\u200D🍳, clientèle persane (می\u200Cخواهم).';
    const res = await t.request('POST', '/v1/offers', { token: employer.token, json: offerInput({ description }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.description).toBe(description);
  });
});

describe('e-mail addresses (RFC 5321)', () => {
  const local = (n: number) => 'a'.repeat(n);
  const domainOf = (n: number) => {
    // Labels of at most 63 characters, `n` characters in all, ending in .fr
    const labels: string[] = [];
    let left = n - 3;
    while (left > 0) {
      const size = Math.min(63, left);
      labels.push('d'.repeat(size));
      left -= size + 1;
    }
    return `${labels.join('.')}.fr`;
  };

  it('a local part over 64 characters, a domain over 255, an address over 254 are refused with their own codes', async () => {
    const cases: [string, string][] = [
      [`${local(65)}@ml.test`, 'email_local_part_too_long'],
      [`${local(300)}@ml.test`, 'email_local_part_too_long'],
      [`a@${domainOf(256)}`, 'email_domain_too_long'],
      [`${local(60)}@${domainOf(194)}`, 'email_too_long'],
    ];
    for (const [email, code] of cases) {
      expectRefused(await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput({ email }) }), 'email', code);
    }
  });

  it('at the limits, accepted', async () => {
    const email = `${local(64)}@${domainOf(189)}`;
    expect(email).toHaveLength(254);
    const res = await t.request('POST', '/v1/youth', { token: advisor.token, json: youthInput({ email }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.email).toBe(email);
  });

  it('control and invisible characters are refused, before or after trimming', async () => {
    for (const email of ['camille@ml.test\n', 'cam\u200Bille@ml.test', '\uFEFFcamille@ml.test', 'camille@ml\u202E.test']) {
      expectRefused(await t.request('POST', '/v1/users', { token: admin.token, json: { email, firstName: 'Camille', lastName: 'Martin', role: 'admin' } }), 'email');
    }
  });
});

describe('search boxes', () => {
  it('a query with a control or bidi character is refused, naming the parameter', async () => {
    for (const q of ['boulanger%0A', 'boulanger%E2%80%AE', 'boul%E2%80%8Banger']) {
      expectRefused(await t.request('GET', `/v1/search/offers?q=${q}`, { token: advisor.token }), 'query.q');
    }
  });
});
