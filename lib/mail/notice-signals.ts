import type { RecipientKind } from './smtp-status.js';

/**
 * Wording of the non-standard notices of real MTAs and mail services (Gmail, Exchange and
 * Office 365, Yahoo, Postfix, Exim, Sendmail, qmail, Lotus Domino, Mail.ru, Yandex, German
 * and French hosts; then Courier, MDaemon, GroupWise, OpenSMTPD, MailFoundry, Trend Micro,
 * Mimecast, Barracuda, Japanese and Chinese carriers and services, Spanish and Portuguese
 * hosts), kept as data. test/fixtures/mail/README.md names each format's source. Subjects
 * are anchored at the start so that a person's "Re: Undeliverable: …" or "Fwd: …" is never
 * read as a notice.
 */

// A tag after mailer-daemon or postmaster ("MAILER-DAEMON+verp-7731") is still the daemon.
const BOUNCE_LOCAL_PART =
  /^(?:(?:mailer[-_]?daemon|mail[-_]?daemon|postmaster)(?:[+=][\w.=+-]{0,64})?|mdaemon|double-bounce|bounces?|microsoftexchange[0-9a-f]{32})$/i;
const BOUNCE_DISPLAY_NAME =
  /^(?:mail delivery (?:system|subsystem|service)|mail ?delivery|mailer-daemon|postmaster|microsoft (?:outlook|exchange)|mail administrator|system ?administrator|administrateur système|почтовая служба|почтовый робот|служба доставки почты|courier mail server at [\w.-]+|interscan mss)$/i;

const FAILURE_SUBJECT =
  /^(?:undeliverable|undelivered mail|undeliverable mail|mail delivery failed|delivery status notification \(failure\)|returned mail|failure notice|delivery failure|delivery failed|delivery notification: delivery has failed|mail system error|message not delivered|nondeliverable|non remis|non distribuable|échec de (?:la )?(?:remise|distribution)|message non remis|unzustellbar|nicht zustellbar|zustellung fehlgeschlagen|fehler bei der zustellung|unzustellbare nachricht|недоставленное сообщение|ваше (?:сообщение|письмо) не доставлено|сообщение не доставлено|письмо не доставлено|не доставлено|ошибка доставки|mail failure|mail could not be delivered|message (?:delivery has failed|could not be delivered|returned to sender)|message status - undeliverable|notice: mail delivery status|permanent delivery failure|postfix smtp (?:server|client): errors from|message you sent blocked|mimecast undeliverable|\[bounce\]|correo no entregado|no se puede entregar|error de entrega|mensagem não entregue|não é possível entregar|falha na entrega|配信不能|メール配信エラー|退信|系统退信|无法投递)/i;
const DELAY_SUBJECT =
  /^(?:delivery status notification \(delay\)|delivery delayed|delayed mail|warning: (?:message .{1,60} delayed|could not send message)|mail delivery delayed|delivery delay|zustellung verzögert|verzögerte zustellung|remise différée|distribution retardée|задержка доставки|доставка (?:сообщения )?задерживается|warning: (?:temporary delivery failure|delayed mail)|(?:aviso: )?entrega atrasada|邮件延迟投递|延迟投递)/i;
const SUCCESS_SUBJECT =
  /^(?:delivery status notification \(success\)|delivered:|relayed:|successful mail delivery report|zugestellt:|remis\s?:|доставлено:)/i;
const ANY_DSN_SUBJECT = /^delivery status notification/i;
// OpenSMTPD names the kind after a colon: "Delivery status notification: error".
const OPENSMTPD_SUBJECT = /^delivery status notification: (error|delay|success|relay)/i;

const DELAY_WORDS =
  /has not yet been delivered|not (?:been )?delivered yet|will (?:retry|continue to try|keep trying)|still (?:trying|being retried)|warning message only|temporary problem|could not send message for past|delivery (?:is |has been )?delayed|delivery of this message was delayed|not yet been delivered|will continue to attempt|attempts will continue|(?:message|it) will be retried|задерж|ещё не доставлен|еще не доставлен|пока не доставлен|продолж\S* попытки|verzögert|noch nicht zugestellt|versucht es weiter|remise différée|pas encore été remis|retardée|ainda não foi entregue|continuará tentando|seguirá intentando|继续尝试|暂时未能投递/i;
const FAILURE_WORDS =
  /could ?n[o']?t be delivered|wasn'?t delivered|was not delivered|delivery has failed|failed permanently|permanent (?:fatal )?error|undeliverable|unable to deliver|wasn'?t able to deliver|returned to sender|following address(?:\(es\))? failed|address not found|delivery failed|did not reach some or all|cannot be reached|this is the (?:mail system|postfix program) at host|created automatically by mail delivery software|qmail-send program|delivery failure|not listed in domino directory|cannot be delivered|has not been delivered|was undeliverable|fatal delivery errors|has been a permanent failure|no se (?:ha )?(?:pudo|puede|podido) entregar|no se ha entregado|não (?:pôde|foi possível) (?:ser )?entreg|não foi entregue|配信できませんでした|配送できませんでした|送信できませんでした|没有发送成功|发送失败|无法将邮件传递|投递失败|не доставлен|не может быть доставлен|не удалось доставить|невозможно доставить|недоставлен|unzustellbar|nicht (?:\S+ ){0,4}zugestellt werden|ist fehlgeschlagen|n'a pas pu être (?:remis|distribué)|la remise .{0,40} a échoué|échec de la remise/i;
const SUCCESS_WORDS = /delivery to these recipients or groups is complete|was successfully delivered|successfully delivered to/i;

const AUTO_REPLY_SUBJECT =
  /^(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response)|autoreply|auto:|out of (?:the )?office|abwesenheitsnotiz|automatische antwort|réponse automatique|absence|автоответ|автоматический ответ|нет на месте|vacation|respuesta automática|resposta automática|自動応答|自动回复)/i;

const MAX_NOTICE_LINES = 3_000;
// Where a notice without a marker starts quoting the returned message's headers.
const HEADER_COPY_START = /^(?:return-path|received|dkim-signature|arc-seal|authentication-results):/i;

/** A notice's own lines: its text up to the returned copy. */
export function noticeLines(text: string): string[] {
  const lines = text.split(/\r?\n/, MAX_NOTICE_LINES);
  const end = lines.findIndex(
    (line, index) => index > 0 && (RETURNED_COPY_MARKER.test(line) || (HEADER_COPY_START.test(line) && lines[index - 1]?.trim() === '')),
  );
  return end < 0 ? lines : lines.slice(0, end);
}

/** Where a notice's own words end and its copy of the returned message begins. */
export const RETURNED_COPY_MARKER =
  /^\s*(?:-{2,}\s*)?(?:this is a copy of the message|below this line is a copy of the message|original message|unsent message follows|message header follows|below is a copy of the original message|-{5,}\s*original (?:message|mail info)|[-\w.+]+@[\w.-]+, be careful!|исходное сообщение|текст исходного сообщения|originalnachricht|dies ist eine kopie|message d'origine|ursprüngliche nachrichtenkopfzeilen|en-têtes d[eu] message d'origine|заголовки исходного сообщения)/i;

export function isBounceSender(address: string, displayName: string): boolean {
  const localPart = address.slice(0, Math.max(0, address.lastIndexOf('@')));
  return BOUNCE_LOCAL_PART.test(localPart) || BOUNCE_DISPLAY_NAME.test(displayName.trim());
}

export type NoticeSubject = RecipientKind | 'unknown' | null;

/** What a notice's subject says, or null when the subject is not a notice's. */
export function readNoticeSubject(subject: string): NoticeSubject {
  const opensmtpd = OPENSMTPD_SUBJECT.exec(subject)?.[1]?.toLowerCase();
  if (opensmtpd) return opensmtpd === 'error' ? 'failed' : opensmtpd === 'delay' ? 'delayed' : 'delivered';
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

// For the general fallback only, which also needs an error and a returned copy: a notice's
// words anywhere in the subject ("[GW-0815] Delivery Failure Notification"), unless a person
// replies to or forwards one.
const BOUNCE_LIKE_SUBJECT =
  /undeliver|undelivered|non-?deliver|delivery (?:status|failure|failed|notification|problem|report|error)|returned (?:mail|message)|mail(?:er)? (?:delivery|system) (?:error|failure|failed)|failure notice|could not be delivered|bounced? (?:mail|message)/i;
const PERSON_PREFIX = /^\s*(?:re|fwd?|aw|wg|tr|rv|sv|vs|antw|отв|пересл)\s*:/i;
// An error in any words, for the same fallback.
const ERROR_WORDS =
  /\b(?:error|fail(?:ed|ure)|rejected|refused|undeliver\w*|bounced|unknown|does not exist|not found|returned)\b|ошибк|fehler|erreur|échec|エラー|错误|失败/i;

/** A subject with a notice's words somewhere in it, and not a person's reply or forward. */
export function hasBounceLikeSubject(subject: string): boolean {
  return !PERSON_PREFIX.test(subject) && BOUNCE_LIKE_SUBJECT.test(subject);
}

/** Any error wording: enough for a daemon's notice that also returns the message. */
export function hasErrorWords(text: string): boolean {
  return ERROR_WORDS.test(text);
}

export function hasAutoReplySubject(subject: string): boolean {
  return AUTO_REPLY_SUBJECT.test(subject);
}
