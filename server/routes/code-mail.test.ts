import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHarness, createSignedInUser, type Harness } from '../test-support/harness';

interface Received {
  to: string[];
  raw: string;
}

/** An SMTP server on a free loopback port, inside the test: no mail leaves this machine. */
async function startSmtp(): Promise<{ url: string; mails: Received[]; close: () => Promise<void> }> {
  const mails: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The mail's text, decoded as a mail client would. */
const textOf = async (raw: string) => (await PostalMime.parse(raw)).text ?? '';

describe('mailing invitation and reset codes', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let h: Harness;
  /** One harness per file (a second one's migrations fail on PostgreSQL): tests change its config. */
  const withSmtpUrl = async (smtpUrl: string | undefined, run: () => Promise<void>) => {
    const before = h.deps.config.smtpUrl;
    h.deps.config.smtpUrl = smtpUrl;
    try {
      await run();
    } finally {
      h.deps.config.smtpUrl = before;
    }
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await createHarness({ config: { smtpUrl: smtp.url, publicUrl: 'https://desk.example.com' } });
  });
  afterAll(async () => {
    await h.close();
    await smtp.close();
  });

  it('should mail an invitation as plain text with the code and the server, and still show the code', async () => {
    const result = await h.call(h.tokens.owner, 'POST', '/v1/invitations', {
      email: 'vera@demo.test',
      name: 'Vera Petrova',
      role: 'operator',
    });
    expect(result.status).toBe(201);
    expect(result.body.mailed).toBe(true);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['vera@demo.test']);
    expect(mail.raw).toMatch(/^Content-Type: text\/plain/im);
    expect(mail.raw).not.toMatch(/text\/html/i);
    const text = await textOf(mail.raw);
    expect(text).toContain(`Code: ${result.body.code}`);
    expect(text).toContain('Server: https://desk.example.com');
    expect(text).toContain('Hello Vera Petrova');
  });

  it('should mail a reset code to the person, in the workspace’s language', async () => {
    await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { defaultLanguage: 'ru' });
    const person = await createSignedInUser(h, { role: 'operator', name: 'Pavel Sidorov' });
    const result = await h.call(h.tokens.owner, 'POST', `/v1/users/${person.user.id}/reset-code`);
    expect(result.body.mailed).toBe(true);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual([person.email]);
    const text = await textOf(mail.raw);
    expect(text).toContain(`Код: ${result.body.code}`);
    expect(text).toContain('Здравствуйте, Pavel Sidorov!');
    await h.call(h.tokens.owner, 'PATCH', '/v1/settings', { defaultLanguage: 'en' });
  });

  it('should keep a name that looks like a header inside the text', async () => {
    const name = 'Eve\r\nBcc: thief@evil.test';
    const result = await h.call(h.tokens.owner, 'POST', '/v1/invitations', { email: 'eve@demo.test', name, role: 'operator' });
    expect(result.body.mailed).toBe(true);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['eve@demo.test']);
    const headers = mail.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).not.toContain('thief@evil.test');
  });

  it('should mail nothing without SMTP_URL, and answer the code as before', async () => {
    const before = smtp.mails.length;
    await withSmtpUrl(undefined, async () => {
      const body = { email: 'nobody-mailed@demo.test', name: 'Nina', role: 'operator' };
      const result = await h.call(h.tokens.owner, 'POST', '/v1/invitations', body);
      expect(result.status).toBe(201);
      expect(result.body).toMatchObject({ mailed: false, code: expect.any(String) });
    });
    expect(smtp.mails.length).toBe(before);
  });

  it('should still answer the code when the relay is down, logging no secret', async () => {
    const closed = await startSmtp();
    await closed.close(); // a free port that nobody answers on now
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      await withSmtpUrl(closed.url.replace('smtp://', 'smtp://user:hunter2@'), async () => {
        const body = { email: 'oleg@demo.test', name: 'Oleg', role: 'operator' };
        const result = await h.call(h.tokens.owner, 'POST', '/v1/invitations', body);
        expect(result.status).toBe(201);
        expect(result.body.mailed).toBe(false);
        const logged = JSON.stringify(warn.mock.calls);
        expect(logged).toContain('invitation mail was not sent');
        expect(logged).not.toContain(result.body.code);
        expect(logged).not.toContain('hunter2');
      });
    } finally {
      warn.mockRestore();
    }
  });
});
