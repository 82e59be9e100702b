import type { Mention } from '@/lib/protocol/entities';
import { ask } from '@/lib/client/shared/bridge';
import { useBackgroundMutation, useBackgroundQueries, useBackgroundQuery } from '@/lib/client/ui/background-queries';
import { queryKeys } from '@/lib/client/ui/query-keys';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import { StateMessage } from './state-message';

// Under `queryKeys.all`: the popup's live port re-reads it after every pull, so a new mention shows at once.
const MENTIONS_KEY = [...queryKeys.all, 'mentions'] as const;

async function openThread(ticketId: string): Promise<void> {
  const { url } = await ask({ type: 'ticket.open', ticketId });
  if (url) await browser.tabs.create({ url });
}

/** The popup's unread mentions (notes that name me), newest first; shown only when there are some. */
export function MentionList() {
  const t = useT();
  const queries = useBackgroundQueries();
  const mentions = useBackgroundQuery({ queryKey: MENTIONS_KEY, queryFn: () => ask({ type: 'mentions.load' }) });
  const markRead = useBackgroundMutation({
    mutationFn: (mention: Mention) => ask({ type: 'mention.read', mentionId: mention.id }),
    onSettled: () => queries.invalidate(MENTIONS_KEY),
  });
  if (mentions.isError) return <StateMessage kind="error">{describeError(mentions.error, t)}</StateMessage>;
  if (!mentions.data?.length) return null;
  return (
    // Beside the popup's <main> (components/popup-app.tsx), so it takes the popup's width and padding.
    <section class="sd-section sd-popup" data-testid="mentions">
      <h3 class="sd-subheading">{t('mentions.title')}</h3>
      <ul class="sd-list">
        {mentions.data.map((mention) => (
          <li key={mention.id} data-testid="mention">
            <button type="button" class="sd-link" onClick={() => void openThread(mention.ticketId)}>
              <strong>{t('ticket.number', { number: mention.ticketNumber })}</strong> {mention.subject}
            </button>
            <div class="sd-note">{mention.text}</div>
            <button type="button" class="sd-link" data-testid="mention-read" onClick={() => markRead.mutate(mention)}>
              {t('mentions.markRead')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
