/**
 * Status subject.detail for notices that state a reason in words but give no RFC 3463 code
 * (qmail locals, Exim "mailbox is full", Yahoo "dd This user doesn't have…", Lotus Domino,
 * Russian and German hosting templates). Order matters: the more specific reasons come first.
 */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /domain (?:name )?not found|host or domain name not found|couldn'?t find any host|host unknown|unknown host|unrouteable|no mx |nxdomain|dns error|no dns entries|invalid domain|домен\S* не (?:найден|существует)|domäne \S+ (?:existiert nicht|nicht gefunden)|domaine (?:introuvable|inexistant)/i,
    '1.2',
  ],
  [
    /mailbox (?:is )?full|over ?quota|quota exceeded|exceeded \S* ?quota|exceeded storage allocation|mailbox\S{0,20} (?:\S{1,30} ){0,3}exceed|insufficient (?:storage|space)|mailfolder is over|空间已满|переполнен|недостаточно места|превышен\S* квот|postfach (?:ist )?voll|boîte (?:aux lettres )?(?:est )?pleine|quota dépassé/i,
    '2.2',
  ],
  [
    /too (?:large|big)|size (?:limit|exceeds)|exceeds \S+ (?:\S+ )?size|message size|слишком (?:большой|велик)|превышает допустимый размер|zu groß|trop (?:volumineux|gros)/i,
    '3.4',
  ],
  [/mailbox (?:is )?disabled|account (?:is )?(?:disabled|inactive|suspended)|deactivated|ящик отключен|deaktiviert|désactivé/i, '2.1'],
  [
    /user unknown|unknown user|user not found|(?:address|recipient|mailbox) (?:is )?unknown|no such (?:user|mailbox|recipient|subscriber)|does ?n[o']t exist|address not found|could ?n[o']?t be found|recipient ?not ?found|invalid recipient|doesn't have an? \S+ account|not listed in|no mailbox here|mailbox (?:unavailable|not found)|usuario desconocido|usuário inexistente|地址不存在|нет такого|не существует|несуществующ|unbekannt|existiert nicht|inconnu|n'existe pas|introuvable/i,
    '1.1',
  ],
  [
    /spam|blocked|block ?list|blacklist|policy|not accepted|relay(?:ing)? (?:access )?denied|not a member|(?<!connection )refused|reception settings|спам|заблокирован|политик|abgelehnt|rejeté|refusé/i,
    '7.1',
  ],
  [/no route/i, '4.4'],
  [/expired|retry timeout exceeded|giving up|too long in queue|not delivered within|истек|abgelaufen|expiré/i, '4.7'],
  [/timed? out|no answer|connection refused|could not connect|unreachable/i, '4.1'],
];

/** A status for a recipient whose notice gives only words, e.g. "mailbox is full" → 5.2.2. */
export function inferStatusFromWords(text: string, statusClass: '4' | '5'): string | null {
  for (const [pattern, subjectDetail] of PHRASES) {
    if (pattern.test(text)) return `${statusClass}.${subjectDetail}`;
  }
  return null;
}
