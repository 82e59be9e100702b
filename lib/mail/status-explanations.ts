type Lang = 'en' | 'ru';
type Text = Readonly<Record<Lang, string>>;

// Keyed by subject.detail: RFC 3463 gives a detail the same meaning in classes 4 and 5.
// Sources: RFC 3463, RFC 7505 (null MX), RFC 7372 (authentication), and the wording of
// Office 365 for the codes it reuses (5.1.10 is its RecipientNotFound as well as null MX) or
// adds (5.4.14 hop count, 5.7.606 and 5.7.708 refused sending IPs). 5.7.9 is RFC 4954's weak
// authentication mechanism, but in bounces it is Yahoo's refusal "for policy reasons".
const DETAILS: Readonly<Record<string, Text>> = {
  '0.0': { en: 'The delivery failed for an unspecified reason', ru: 'Доставка не удалась по неуточнённой причине' },
  '1.0': { en: 'There is a problem with an address', ru: 'Проблема с адресом' },
  '1.1': { en: "The recipient's mailbox does not exist", ru: 'Почтового ящика получателя не существует' },
  '1.2': {
    en: "The recipient's domain does not exist or does not accept mail",
    ru: 'Домен получателя не существует или не принимает почту',
  },
  '1.3': { en: "The recipient's address is not written correctly", ru: 'Адрес получателя записан с ошибкой' },
  '1.4': { en: "The recipient's address matches more than one mailbox", ru: 'Адрес получателя соответствует нескольким ящикам' },
  '1.6': {
    en: "The recipient's mailbox has moved and no forwarding address is known",
    ru: 'Почтовый ящик получателя перемещён, новый адрес неизвестен',
  },
  '1.7': { en: "The sender's address is not written correctly", ru: 'Адрес отправителя записан с ошибкой' },
  '1.8': { en: "The sender's domain is not accepted by the recipient's server", ru: 'Сервер получателя не принимает домен отправителя' },
  '1.10': {
    en: "The recipient's address was not found, or its domain does not accept mail",
    ru: 'Адрес получателя не найден, или его домен не принимает почту',
  },
  '2.0': { en: "There is a problem with the recipient's mailbox", ru: 'Проблема с почтовым ящиком получателя' },
  '2.1': { en: "The recipient's mailbox is disabled", ru: 'Почтовый ящик получателя отключён' },
  '2.2': { en: "The recipient's mailbox is full", ru: 'Почтовый ящик получателя переполнен' },
  '2.3': { en: 'The message is larger than the recipient accepts', ru: 'Письмо больше, чем разрешено получателю' },
  '2.4': { en: 'A mailing list among the recipients could not be expanded', ru: 'Не удалось раскрыть список рассылки среди получателей' },
  '3.0': { en: "There is a problem with the recipient's mail system", ru: 'Проблема с почтовой системой получателя' },
  '3.1': { en: "The recipient's mail server is out of storage", ru: 'На почтовом сервере получателя нет места' },
  '3.2': { en: "The recipient's mail server is not accepting messages", ru: 'Почтовый сервер получателя сейчас не принимает письма' },
  '3.4': { en: "The message is too large for the recipient's mail server", ru: 'Письмо слишком велико для сервера получателя' },
  '3.5': { en: "The recipient's mail server is misconfigured", ru: 'Почтовый сервер получателя неправильно настроен' },
  '4.0': { en: 'A network or routing problem occurred', ru: 'Произошла сетевая ошибка или ошибка маршрутизации' },
  '4.1': { en: "The recipient's mail server did not answer", ru: 'Почтовый сервер получателя не ответил' },
  '4.2': { en: "The connection to the recipient's mail server was lost", ru: 'Соединение с сервером получателя прервалось' },
  '4.3': { en: 'A DNS or directory lookup failed', ru: 'Не удался запрос к DNS или каталогу адресов' },
  '4.4': { en: "No route to the recipient's mail server was found", ru: 'Не найден путь к почтовому серверу получателя' },
  '4.5': { en: 'The mail system is congested', ru: 'Почтовая система перегружена' },
  '4.6': { en: 'The message was caught in a forwarding loop', ru: 'Письмо попало в петлю пересылки' },
  '4.14': {
    en: 'The message passed through too many servers (probably a forwarding loop)',
    ru: 'Письмо прошло через слишком много серверов (вероятно, петля пересылки)',
  },
  '4.7': {
    en: 'Delivery was retried for too long and has been given up',
    ru: 'Попытки доставки продолжались слишком долго и прекращены',
  },
  '5.3': { en: 'The message has too many recipients', ru: 'У письма слишком много получателей' },
  '6.0': { en: 'There is a problem with the message content or format', ru: 'Проблема с содержимым или форматом письма' },
  '7.0': { en: 'The message was refused for security or policy reasons', ru: 'Письмо отклонено по соображениям безопасности или политики' },
  '7.1': {
    en: "The recipient's server refused the message (policy or spam filter)",
    ru: 'Сервер получателя отклонил письмо (правила сервера или спам-фильтр)',
  },
  '7.8': { en: 'The sending account failed authentication', ru: 'Учётная запись отправителя не прошла проверку подлинности' },
  '7.9': { en: "The recipient's server refused the message by its policy", ru: 'Сервер получателя отклонил письмо по своим правилам' },
  '7.23': { en: 'The sender failed the SPF check', ru: 'Отправитель не прошёл проверку SPF' },
  '7.25': { en: "The sending server's reverse DNS check failed", ru: 'Не прошла обратная DNS-проверка сервера отправителя' },
  '7.606': {
    en: "The sending server's IP address is blocked by the recipient's mail system",
    ru: 'IP-адрес сервера отправителя заблокирован почтовой системой получателя',
  },
  '7.708': {
    en: "The recipient's mail system does not accept mail from the sending server's IP address",
    ru: 'Почтовая система получателя не принимает почту с IP-адреса сервера отправителя',
  },
  '7.26': {
    en: 'The message failed sender authentication (SPF, DKIM, DMARC)',
    ru: 'Письмо не прошло проверку подлинности отправителя (SPF, DKIM, DMARC)',
  },
};

const SUBJECTS: Readonly<Record<string, Text>> = {
  '1': { en: 'There is a problem with an address', ru: 'Проблема с адресом' },
  '2': { en: "There is a problem with the recipient's mailbox", ru: 'Проблема с почтовым ящиком получателя' },
  '3': { en: "There is a problem with the recipient's mail system", ru: 'Проблема с почтовой системой получателя' },
  '4': { en: 'A network or routing problem occurred', ru: 'Произошла сетевая ошибка или ошибка маршрутизации' },
  '5': { en: 'The mail servers could not understand each other', ru: 'Почтовые серверы не смогли договориться (ошибка протокола)' },
  '6': { en: 'There is a problem with the message content or format', ru: 'Проблема с содержимым или форматом письма' },
  '7': { en: 'The message was refused for security or policy reasons', ru: 'Письмо отклонено по соображениям безопасности или политики' },
};

const DELIVERED: Readonly<Record<string, Text>> = {
  '1.5': { en: "The recipient's address is valid", ru: 'Адрес получателя действителен' },
};

const CLASSES: Readonly<Record<'2' | '4' | '5', Text>> = {
  '2': { en: 'The message was delivered', ru: 'Письмо доставлено' },
  '4': { en: 'A temporary problem; delivery will be retried', ru: 'Временная проблема; доставка будет повторена' },
  '5': { en: 'A permanent failure; the message was not delivered', ru: 'Постоянная ошибка; письмо не доставлено' },
};

const TEMPORARY: Text = { en: ' (temporary; delivery will be retried)', ru: ' (временно; доставка будет повторена)' };
const UNKNOWN: Text = { en: 'Unknown delivery status', ru: 'Неизвестный статус доставки' };

/** Whether a 4.x.x or 5.x.x status has words of its own, not only those of its subject or class. */
export function hasDetailExplanation(status: string): boolean {
  const match = /^\s*[45]\.(\d{1,3})\.(\d{1,3})\s*$/.exec(status);
  return match !== null && DETAILS[`${Number(match[1])}.${Number(match[2])}`] !== undefined;
}

/**
 * Plain-language meaning of an RFC 3463 status such as "5.1.1", for people who are not mail
 * administrators. Falls back from the exact detail to its subject, then to its class.
 */
export function explainDeliveryStatus(status: string, lang: Lang): string {
  const match = /^\s*([245])\.(\d{1,3})\.(\d{1,3})\s*$/.exec(status);
  const statusClass = match?.[1];
  if (!match || (statusClass !== '2' && statusClass !== '4' && statusClass !== '5')) return UNKNOWN[lang];
  const subject = String(Number(match[2]));
  const detail = `${subject}.${Number(match[3])}`;
  if (statusClass === '2') return (DELIVERED[detail] ?? CLASSES['2'])[lang];
  const text = DETAILS[detail]?.[lang] ?? SUBJECTS[subject]?.[lang];
  if (!text) return CLASSES[statusClass][lang];
  return statusClass === '4' ? text + TEMPORARY[lang] : text;
}
