// Mailing an invitation or a password reset code to the person, when the server has an SMTP relay
// (SMTP_URL, e.g. smtp://user:pass@relay.example:587). Without one nothing is mailed: the admin
// passes the code on, as before. Plain text only (docs/design.md: email content is text), and
// nothing of it is ever logged: the code is a credential, and so is the relay's URL.
import { createTransport, type Transporter } from 'nodemailer';
import type { ServerConfig } from '../context';

export type CodeMailKind = 'invitation' | 'reset';
export type MailLanguage = 'en' | 'ru';

export interface CodeMail {
  kind: CodeMailKind;
  to: { name: string; email: string };
  code: string;
  /** The server the person signs in to, as the options page asks for it. */
  serverUrl: string;
  expiresAt: string;
  language: MailLanguage;
}

/** One pooled transport per relay URL (a server has one; tests switch between a few). */
const transports = new Map<string, Transporter>();

function transportFor(config: ServerConfig): Transporter | null {
  if (!config.smtpUrl) return null;
  let transport = transports.get(config.smtpUrl);
  if (!transport) {
    // A slow or silent relay must not hold the admin's request for long.
    transport = createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(config.smtpUrl, transport);
  }
  return transport;
}

const TEXT: Record<MailLanguage, Record<CodeMailKind, { subject: string; intro: string; steps: string }>> = {
  en: {
    invitation: {
      subject: 'You are invited to Sidedesk',
      intro: 'Hello {name},\n\nYou are invited to join your team in Sidedesk.',
      steps: 'Open the Sidedesk extension\'s settings, choose "Join with an invitation", and enter:',
    },
    reset: {
      subject: 'Your Sidedesk password reset code',
      intro: 'Hello {name},\n\nAn admin made a code for you to choose a new Sidedesk password.',
      steps: 'Open the Sidedesk extension\'s settings, choose "Reset code from an admin", and enter:',
    },
  },
  ru: {
    invitation: {
      subject: 'Приглашение в Sidedesk',
      intro: 'Здравствуйте, {name}!\n\nВас приглашают в команду в Sidedesk.',
      steps: 'Откройте настройки расширения Sidedesk, выберите «Войти по приглашению» и введите:',
    },
    reset: {
      subject: 'Код для смены пароля Sidedesk',
      intro: 'Здравствуйте, {name}!\n\nАдминистратор создал для вас код, чтобы вы выбрали новый пароль Sidedesk.',
      steps: 'Откройте настройки расширения Sidedesk, выберите «Код сброса пароля» и введите:',
    },
  },
};

const LABELS: Record<MailLanguage, { server: string; code: string; until: string; once: string }> = {
  en: { server: 'Server', code: 'Code', until: 'Valid until', once: 'The code works once. If you did not expect this mail, ignore it.' },
  ru: {
    server: 'Сервер',
    code: 'Код',
    until: 'Действует до',
    once: 'Код действует один раз. Если вы не ждали этого письма, просто удалите его.',
  },
};

export function composeCodeMail(mail: CodeMail): { subject: string; text: string } {
  const text = TEXT[mail.language][mail.kind];
  const labels = LABELS[mail.language];
  const body = [
    text.intro.replace('{name}', mail.to.name),
    '',
    text.steps,
    '',
    `${labels.server}: ${mail.serverUrl}`,
    `${labels.code}: ${mail.code}`,
    `${labels.until}: ${mail.expiresAt.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    labels.once,
  ].join('\n');
  return { subject: text.subject, text: body };
}

/**
 * Mails the code when SMTP is set up; answers whether it was handed to the relay. A failure is
 * not the request's failure: the admin still sees the code and passes it on.
 */
export async function mailCode(config: ServerConfig, mail: CodeMail): Promise<boolean> {
  const transport = transportFor(config);
  if (!transport) return false;
  const { subject, text } = composeCodeMail(mail);
  try {
    await transport.sendMail({
      from: config.smtpFrom,
      to: { name: mail.to.name, address: mail.to.email },
      subject,
      text,
    });
    return true;
  } catch (error) {
    // The error's code only: its message can quote the relay's URL or the conversation.
    const code = (error as { code?: unknown }).code;
    console.warn(`Sidedesk: a ${mail.kind} mail was not sent (${typeof code === 'string' ? code : 'error'}).`);
    return false;
  }
}
