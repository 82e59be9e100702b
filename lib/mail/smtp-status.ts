export type RecipientKind = 'failed' | 'delayed' | 'delivered';

// Not inside an IP address or version number: 192.0.2.5 must not read as status 2.0.2.
const ENHANCED_STATUS = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\d|\.\d)/;
// A basic code right before an enhanced one is the most reliable pairing ("550-5.1.1", "451 4.7.1").
const PAIRED_CODE = /(?<![\w.])([245][0-5]\d)[ -][245]\.\d{1,3}\.\d{1,3}(?!\d|\.\d)/;
// Otherwise only where notices put a reply: line start, "said:", "returned '", "#550", the
// arrows of a quoted SMTP dialogue ("<<< 550", "Received >>> 550", "<-- 550", Postfix's "Out: 550"),
// MailFoundry's "failed with: 550" and Zoho's "ERROR CODE :550".
const LEADING_CODE =
  /(?:^[\s'"(]*|said:\s*|disse:\s*|returned\s+'|reason:\s*|<<<\s*|>>>\s*|<--\s*|\b(?:in|out):\s*|failed with:\s*|code\s*:\s*|#|error:\s*|reply:\s*|;\s*)([245][0-5]\d)(?=[\s:-]|$)/i;

export interface FoundCode {
  value: string;
  index: number;
}

export function findEnhancedStatus(text: string): FoundCode | null {
  const match = ENHANCED_STATUS.exec(text);
  return match ? { value: `${match[1]}.${Number(match[2])}.${Number(match[3])}`, index: match.index } : null;
}

export function findSmtpCode(text: string): FoundCode | null {
  const match = PAIRED_CODE.exec(text) ?? LEADING_CODE.exec(text);
  const code = match?.[1];
  if (!match || !code) return null;
  return { value: code, index: match.index + match[0].indexOf(code) };
}

export function statusClassOf(status: string | null, smtpCode: number | null): '2' | '4' | '5' | null {
  const digit = status?.[0] ?? (smtpCode === null ? undefined : String(smtpCode)[0]);
  return digit === '2' || digit === '4' || digit === '5' ? digit : null;
}

export function kindOfStatusClass(statusClass: '2' | '4' | '5' | null): RecipientKind | null {
  if (statusClass === '5') return 'failed';
  if (statusClass === '4') return 'delayed';
  if (statusClass === '2') return 'delivered';
  return null;
}

/** RFC 3464 Action → kind. Relayed and expanded left the reporting MTA without error. */
export function kindOfAction(action: string | null): RecipientKind | null {
  switch (action) {
    case 'failed':
      return 'failed';
    case 'delayed':
      return 'delayed';
    case 'delivered':
    case 'relayed':
    case 'expanded':
      return 'delivered';
    case null:
    default:
      return null;
  }
}

/** Failure outranks delay outranks success: one lost recipient makes the reply not delivered. */
export function worstKind(kinds: ReadonlyArray<RecipientKind | null>): RecipientKind | null {
  if (kinds.includes('failed')) return 'failed';
  if (kinds.includes('delayed')) return 'delayed';
  if (kinds.includes('delivered')) return 'delivered';
  return null;
}
