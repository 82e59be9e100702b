import { describe, expect, it } from 'vitest';
import { reassignTicketIntentSchema, requestMessageSchema, updateTicketIntentSchema } from './messages';

// The intents are the server's request schemas plus the extension's fields: the rules across
// fields come along, so the background refuses what the server would.
describe('mutation intents', () => {
  const reassign = { ticketId: 't1', expectedVersion: 3, assigneeId: 'u2' };

  it('should refuse the reason "other" without a note, as the server does', () => {
    const result = reassignTicketIntentSchema.safeParse({ ...reassign, reason: 'other' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['note']);
    expect(reassignTicketIntentSchema.safeParse({ ...reassign, reason: 'other', note: 'needs a Spanish speaker' }).success).toBe(true);
  });

  it('should refuse a change of nothing and a postponement without its date', () => {
    expect(updateTicketIntentSchema.safeParse({ ticketId: 't1', expectedVersion: 3 }).success).toBe(false);
    const postponed = updateTicketIntentSchema.safeParse({ ticketId: 't1', expectedVersion: 3, status: 'postponed' });
    expect(postponed.error?.issues[0]?.path).toEqual(['postponedUntil']);
  });

  it('should check a runtime message carrying an intent with the same rules', () => {
    const message = { type: 'mutate', mutation: { type: 'ticket.reassign', intent: { ...reassign, reason: 'other' } } };
    expect(requestMessageSchema.safeParse(message).success).toBe(false);
  });
});
