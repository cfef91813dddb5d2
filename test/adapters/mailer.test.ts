import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../src/adapters/mailer.js';
import { createLogger } from '../../src/logger.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

const log = createLogger({ LOG_LEVEL: 'silent' });
const dir = await mkdtemp(join(tmpdir(), 'passerelle-mail-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('mailer', () => {
  it('without SMTP_URL, writes each message as an .eml file', async () => {
    const mailer = createMailer({ MAIL_FROM: 'Passerelle <no-reply@passerelle.test>', MAIL_DIR: dir, SMTP_URL: undefined }, log);
    await mailer.send({ to: 'lea@example.test', subject: 'Votre inscription est confirmée', text: 'Bonjour Léa' });
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = await readFile(join(dir, files[0]!), 'utf8');
    expect(raw).toContain('To: lea@example.test');
    expect(raw).toContain('From: Passerelle <no-reply@passerelle.test>');
  });

  it('with SMTP_URL, delivers over SMTP', async () => {
    const sink = await startSmtpSink();
    try {
      const mailer = createMailer({ MAIL_FROM: 'Passerelle <no-reply@passerelle.test>', MAIL_DIR: dir, SMTP_URL: sink.url }, log);
      await mailer.send({ to: 'Sam@Example.test', subject: 'Rappel', text: 'À demain' });
      const mail = await sink.waitFor('sam@example.test');
      expect(mail.subject).toBe('Rappel');
      expect(mail.text.trim()).toBe('À demain');
      mailer.close();
    } finally {
      await sink.close();
    }
  });
});
