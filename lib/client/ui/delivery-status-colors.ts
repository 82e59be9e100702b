// Colours of the delivery statuses in charts: the Okabe–Ito palette, which stays distinguishable
// for the common kinds of colour blindness. Every use also shows the status name in text.
import type { ReplyStatus } from '@/lib/protocol/entities';

/** Bottom of the stack first: what went well at the base, what failed on top where it is seen. */
export const CHART_STATUSES: readonly ReplyStatus[] = ['sent', 'sending', 'scheduled', 'delayed', 'not_delivered'];

export const STATUS_COLORS: Readonly<Record<ReplyStatus, string>> = {
  sent: '#009E73',
  sending: '#56B4E9',
  scheduled: '#0072B2',
  delayed: '#E69F00',
  not_delivered: '#D55E00',
};
