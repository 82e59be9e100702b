// The check every thread view read from the DOM passes before it leaves the page: the rules of
// threadViewSchema (lib/protocol/thread-view.ts), written out by hand because zod costs the
// content script about 6 KB gzipped of its 40 KB budget (docs/design.md "Performance budgets";
// measured with bench/content-script-weight.ts). check-thread-view.test.ts holds this copy to the
// schema's verdict and to the path of its first issue, field by field; what the sidebar sends on
// is parsed again in the background (lib/client/shared/messages.ts).
import type { ThreadView } from '../protocol/thread-view';

type Path = Array<string | number>;
type Check = (value: unknown, path: Path) => Path | null;

const matches =
  (pattern: RegExp): Check =>
  (value, path) =>
    typeof value === 'string' && pattern.test(value) ? null : path;
const isString: Check = (value, path) => (typeof value === 'string' ? null : path);
const isBoolean: Check = (value, path) => (typeof value === 'boolean' ? null : path);
const oneOf =
  (...options: string[]): Check =>
  (value, path) =>
    options.includes(value as string) ? null : path;
const optional =
  (check: Check): Check =>
  (value, path) =>
    value === undefined ? null : check(value, path);
const nullable =
  (check: Check): Check =>
  (value, path) =>
    value === null ? null : check(value, path);

function arrayOf(item: Check, minLength = 0): Check {
  return (value, path) => {
    if (!Array.isArray(value)) return path;
    for (const [index, element] of value.entries()) {
      const failed = item(element, [...path, index]);
      if (failed) return failed;
    }
    return value.length < minLength ? path : null;
  };
}

/** Fields in the schema's order: the first failing one is the field zod would name first. */
function objectOf(fields: Record<string, Check>): Check {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return path;
    for (const [key, check] of Object.entries(fields)) {
      const failed = check((value as Record<string, unknown>)[key], [...path, key]);
      if (failed) return failed;
    }
    return null;
  };
}

// The same patterns as the schema; the date part is zod's `iso.datetime({ offset: true })`, leap
// days included.
const EMAIL = /^[^\s@A-Z]+@[^\s@A-Z]+$/;
const THREAD_KEY = /^(rfc:[^\s<>]+|(gmail|outlook):[^\s:@A-Z]+@[^\s:A-Z]+:\S+)$/;
const MESSAGE_ID = /^[^\s<>]+$/;
const ISO_TIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

const email = matches(EMAIL);
const isoTime = matches(ISO_TIME);
const participant = objectOf({ email, name: optional(isString) });

const checkView = objectOf({
  provider: oneOf('gmail', 'outlook'),
  mailbox: email,
  threadKeys: arrayOf(matches(THREAD_KEY), 1),
  subject: isString,
  customer: nullable(participant),
  participants: arrayOf(participant),
  messages: arrayOf(
    objectOf({
      id: matches(/^[\s\S]+$/),
      rfcMessageId: optional(matches(MESSAGE_ID)),
      direction: oneOf('inbound', 'outbound'),
      senderEmail: email,
      senderName: optional(isString),
      sentAt: nullable(isoTime),
      isBounce: isBoolean,
      isScheduled: isBoolean,
      scheduledFor: optional(isoTime),
    }),
  ),
});

/** The path of the first field that breaks threadViewSchema (`messages.3.senderEmail`), or null. */
export function firstInvalidField(view: ThreadView): string | null {
  const failed = checkView(view, []);
  return failed ? failed.map(String).join('.') || '(root)' : null;
}
