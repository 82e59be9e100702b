// Exchange item and conversation ids as Outlook on the web spells them, brought to one form so a
// conversation keeps one key whichever way it was reached.
// - The DOM (`data-convid`, `MSG_<id>_FROM`) and OWA's URLs carry EWS ids: standard base64 with
//   `+`, `/` and `=` padding, percent-encoded in URLs (`%2F`, `%3D`, either case). Sources: the
//   ids in Mailvelope's test/integration/__mocks__/outlook-dom-templates.js (2025-12) and
//   Microsoft's ConvertId documentation ("OWA uses EWS identifiers").
// - Graph and REST links use the REST form: `/` written as `-` and `+` as `_` (what Office.js
//   `mailbox.convertToRestId` does), padding sometimes dropped.
// The canonical form is the EWS one: the keys of tickets created before this normalisation
// were EWS ids from `data-convid`, and they stay valid.
const ID_CHARS = /^[A-Za-z0-9+/_-]+={0,2}$/;
const PERCENT = /%[0-9a-f]{2}/i;

function percentDecoded(raw: string): string {
  let value = raw;
  // Twice at most: a link pasted through another link's query is encoded twice (%253D).
  for (let i = 0; i < 2 && PERCENT.test(value); i++) {
    try {
      value = decodeURIComponent(value);
    } catch {
      break;
    }
  }
  return value;
}

/** The EWS form of an Outlook item or conversation id; anything that is not base64 is only trimmed. */
export function normalizeOutlookId(raw: string): string {
  const value = percentDecoded(raw.trim());
  if (!ID_CHARS.test(value)) return value;
  const ews = value.replace(/-/g, '/').replace(/_/g, '+');
  // Padding is kept as written; only a REST id that dropped it gets it back (base64 lengths are
  // multiples of 4; a remainder of 1 is no base64 at all and stays as it is).
  const remainder = ews.length % 4;
  return ews.endsWith('=') || remainder < 2 ? ews : ews + '='.repeat(4 - remainder);
}
