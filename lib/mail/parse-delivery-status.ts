import { findEnhancedStatus, findSmtpCode } from './smtp-status.js';
import { normalizeMessageId, parseHeaderDate } from './read-returned-headers.js';

export interface ReportedRecipient {
  address: string;
  status: string | null;
  smtpCode: number | null;
  diagnostic: string | null;
  remoteMta: string | null;
  action: string | null;
}

export interface DeliveryStatusFields {
  reportingMta: string | null;
  arrivalDate: string | null;
  originalMessageId: string | null;
  recipients: ReportedRecipient[];
}

type Fields = Map<string, string>;
const MAX_LINES = 20_000;
const MAX_FIELD_CHARS = 2_000;

/**
 * Reads an RFC 3464 message/delivery-status body (and RFC 6533 global-delivery-status):
 * per-message fields, then one group of fields per recipient. Tolerates what real MTAs
 * emit: groups not separated by a blank line, lowercase names, missing fields.
 */
export function parseDeliveryStatus(text: string): DeliveryStatusFields {
  const groups = splitRecipientGroups(readFieldGroups(text));
  const perMessage = groups.find((group) => group.has('reporting-mta') || group.has('arrival-date'));
  const recipients = groups.flatMap((group) => {
    const recipient = readRecipient(group);
    return recipient ? [recipient] : [];
  });
  const reportingMta = perMessage?.get('reporting-mta');
  const arrivalDate = perMessage?.get('arrival-date');
  const originalId = groups.find((group) => group.has('x-original-message-id'))?.get('x-original-message-id');
  return {
    reportingMta: reportingMta ? readMtaName(reportingMta) : null,
    arrivalDate: arrivalDate ? parseHeaderDate(arrivalDate) : null,
    originalMessageId: originalId ? normalizeMessageId(originalId) : null,
    recipients,
  };
}

function readFieldGroups(text: string): Array<Array<[string, string]>> {
  const groups: Array<Array<[string, string]>> = [[]];
  const lines = text.split(/\r?\n/, MAX_LINES);
  for (const line of lines) {
    const group = groups[groups.length - 1] ?? [];
    const last = group[group.length - 1];
    if (line.trim() === '') {
      if (group.length > 0) groups.push([]);
    } else if (/^[ \t]/.test(line) && last) {
      if (last[1].length < MAX_FIELD_CHARS) last[1] += ' ' + line.trim();
    } else {
      const colon = line.indexOf(':');
      if (colon > 0) group.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
  }
  return groups;
}

// A new recipient starts at a repeated Original- or Final-Recipient inside one group.
function splitRecipientGroups(groups: Array<Array<[string, string]>>): Fields[] {
  const out: Fields[] = [];
  for (const group of groups) {
    let current: Fields = new Map();
    for (const [name, value] of group) {
      // Postfix writes Final- before Original-Recipient, RFC 3464's examples the other way round.
      const hasBody = current.has('action') || current.has('status') || current.has('diagnostic-code');
      const startsNew =
        (name === 'original-recipient' && (current.has(name) || (current.has('final-recipient') && hasBody))) ||
        (name === 'final-recipient' && (current.has(name) || (current.has('original-recipient') && hasBody)));
      if (startsNew) {
        out.push(current);
        current = new Map();
      }
      if (!current.has(name)) current.set(name, value);
    }
    out.push(current);
  }
  return out;
}

function readRecipient(fields: Fields): ReportedRecipient | null {
  // The original address is what the reply was sent to; Final-Recipient may be an alias target.
  const address = readAddress(fields.get('original-recipient')) ?? readAddress(fields.get('final-recipient'));
  if (!address) return null;
  const diagnosticField = fields.get('diagnostic-code');
  const diagnostic = diagnosticField ? stripType(diagnosticField).replace(/\s+/g, ' ').trim() || null : null;
  const statusField = fields.get('status');
  const remoteMta = fields.get('remote-mta');
  const smtpCode = diagnostic ? findSmtpCode(diagnostic) : null;
  return {
    address,
    status: chooseStatus(statusField ? (findEnhancedStatus(statusField)?.value ?? null) : null, diagnostic),
    smtpCode: smtpCode ? Number(smtpCode.value) : null,
    diagnostic,
    remoteMta: remoteMta ? readMtaName(remoteMta) : null,
    action: fields.get('action')?.split(/[\s(]/)[0]?.toLowerCase() || null,
  };
}

// "Status: 5.0.0" says little; Exim and Sendmail put the real detail in the diagnostic.
function chooseStatus(status: string | null, diagnostic: string | null): string | null {
  const fromDiagnostic = diagnostic ? (findEnhancedStatus(diagnostic)?.value ?? null) : null;
  if (!status) return fromDiagnostic;
  if (!fromDiagnostic || !status.endsWith('.0.0')) return status;
  return fromDiagnostic[0] === status[0] && !fromDiagnostic.endsWith('.0.0') ? fromDiagnostic : status;
}

function readAddress(value: string | undefined): string | null {
  if (!value) return null;
  const token = stripType(value).split(/\s/)[0] ?? '';
  const address = token.replace(/^<|>$/g, '');
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return address.toLowerCase();
}

function stripType(value: string): string {
  const semicolon = value.indexOf(';');
  return semicolon >= 0 && semicolon < 20 ? value.slice(semicolon + 1).trim() : value.trim();
}

function readMtaName(value: string): string | null {
  const name = stripType(value).split(/[\s(]/)[0]?.replace(/\.$/, '') ?? '';
  return name || null;
}
