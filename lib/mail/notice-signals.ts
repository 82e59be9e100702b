import type { RecipientKind } from './smtp-status.js';

/**
 * Wording of the non-standard notices of real MTAs and mail services (Gmail, Exchange and
 * Office 365, Yahoo, Postfix, Exim, Sendmail, qmail, Lotus Domino, Mail.ru, Yandex, German
 * and French hosts), kept as data. Subjects are anchored at the start so that a person's
 * "Re: Undeliverable: …" or "Fwd: …" is never read as a notice. Gathered 2024-2025.
 */

const BOUNCE_LOCAL_PART = /^(?:mailer[-_]?daemon|mail[-_]?daemon|postmaster|double-bounce|bounces?|microsoftexchange[0-9a-f]{32})$/i;
const BOUNCE_DISPLAY_NAME =
  /^(?:mail delivery (?:system|subsystem|service)|mail ?delivery|mailer-daemon|postmaster|microsoft (?:outlook|exchange)|mail administrator|system ?administrator|administrateur système|почтовая служба|почтовый робот|служба доставки почты)$/i;

const FAILURE_SUBJECT =
  /^(?:undeliverable|undelivered mail|undeliverable mail|mail delivery failed|delivery status notification \(failure\)|returned mail|failure notice|delivery failure|delivery failed|delivery notification: delivery has failed|mail system error|message not delivered|nondeliverable|non remis|non distribuable|échec de (?:la )?(?:remise|distribution)|message non remis|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|fehler bei der zustellung|unzustellbare nachricht|недоставленное сообщение|ваше (?:сообщение|письмо) не доставлено|сообщение не доставлено|письмо не доставлено|не доставлено|ошибка доставки|mail failure)/i;
const DELAY_SUBJECT =
  /^(?:delivery status notification \(delay\)|delivery delayed|delayed mail|warning: (?:message .{1,60} delayed|could not send message)|mail delivery delayed|delivery delay|zustellung verzögert|verzögerte zustellung|remise différée|distribution retardée|задержка доставки|доставка (?:сообщения )?задерживается)/i;
const SUCCESS_SUBJECT =
  /^(?:delivery status notification \(success\)|delivered:|relayed:|successful mail delivery report|zugestellt:|remis\s?:|доставлено:)/i;
const ANY_DSN_SUBJECT = /^delivery status notification/i;

const DELAY_WORDS =
  /has not yet been delivered|not (?:been )?delivered yet|will (?:retry|continue to try|keep trying)|still (?:trying|being retried)|warning message only|temporary problem|could not send message for past|delivery (?:is |has been )?delayed|delivery of this message was delayed|not yet been delivered|задерж|ещё не доставлен|еще не доставлен|verzögert|noch nicht zugestellt|remise différée|pas encore été remis|retardée/i;
const FAILURE_WORDS =
  /could ?n[o']?t be delivered|wasn'?t delivered|was not delivered|delivery has failed|failed permanently|permanent (?:fatal )?error|undeliverable|unable to deliver|wasn'?t able to deliver|returned to sender|following address(?:\(es\))? failed|address not found|delivery failed|did not reach some or all|cannot be reached|this is the (?:mail system|postfix program) at host|created automatically by mail delivery software|qmail-send program|delivery failure|not listed in domino directory|не доставлен|не может быть доставлен|не удалось доставить|невозможно доставить|недоставлен|unzustellbar|nicht (?:\S+ ){0,4}zugestellt werden|ist fehlgeschlagen|n'a pas pu être (?:remis|distribué)|la remise .{0,40} a échoué|échec de la remise/i;
const SUCCESS_WORDS = /delivery to these recipients or groups is complete|was successfully delivered|successfully delivered to/i;

const AUTO_REPLY_SUBJECT =
  /^(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|auto:|out of (?:the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|absence|автоответ|автоматический ответ|нет на месте|vacation)/i;

/** Where a notice's own words end and its copy of the returned message begins. */
export const RETURNED_COPY_MARKER =
  /^\s*(?:-{2,}\s*)?(?:this is a copy of the message|below this line is a copy of the message|original message|unsent message follows|message header follows|исходное сообщение|текст исходного сообщения|originalnachricht|dies ist eine kopie|message d'origine|ursprüngliche nachrichtenkopfzeilen|en-têtes d[eu] message d'origine|заголовки исходного сообщения)/i;

export function isBounceSender(address: string, displayName: string): boolean {
  const localPart = address.slice(0, Math.max(0, address.lastIndexOf('@')));
  return BOUNCE_LOCAL_PART.test(localPart) || BOUNCE_DISPLAY_NAME.test(displayName.trim());
}

export type NoticeSubject = RecipientKind | 'unknown' | null;

/** What a notice's subject says, or null when the subject is not a notice's. */
export function readNoticeSubject(subject: string): NoticeSubject {
  if (DELAY_SUBJECT.test(subject)) return 'delayed';
  if (SUCCESS_SUBJECT.test(subject)) return 'delivered';
  if (FAILURE_SUBJECT.test(subject)) return 'failed';
  return ANY_DSN_SUBJECT.test(subject) ? 'unknown' : null;
}

/** What a notice's wording says. A delay notice also says when it would fail, so delay first. */
export function readNoticeWords(text: string): RecipientKind | null {
  if (DELAY_WORDS.test(text)) return 'delayed';
  if (FAILURE_WORDS.test(text)) return 'failed';
  if (SUCCESS_WORDS.test(text)) return 'delivered';
  return null;
}

export function hasAutoReplySubject(subject: string): boolean {
  return AUTO_REPLY_SUBJECT.test(subject);
}
