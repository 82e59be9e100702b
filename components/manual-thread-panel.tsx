import { useState } from 'preact/hooks';
import type { WebmailProvider } from '@/lib/protocol/thread-view';
import type { PageThread } from '@/lib/client/content/capture-readers';
import { useSession } from '@/lib/client/ui/hooks';
import { manualThreadKey } from '@/lib/client/ui/manual-thread-key';
import { TicketDraftForm, type TicketDraft } from './create-ticket-form';
import { useT } from './i18n-provider';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { StateMessage } from './state-message';
import { SignedOut, ThreadTicket } from './thread-ticket';

interface Props {
  provider: WebmailProvider;
  pageThread: PageThread;
  threadUrl: string;
}

/**
 * The manual fallback: the view cannot be read but its URL names the thread, so the ticket is
 * looked up, or made, by that id (lib/client/ui/manual-thread-key.ts). When the page does not show
 * the mailbox either, the signed-in user's own address stands in for it: most operators work in
 * their own mailbox, and the id is what tells threads apart — a wrong mailbox can only miss the
 * thread later, never match another one.
 */
export function ManualThreadPanel({ provider, pageThread, threadUrl }: Props) {
  const session = useSession();
  const mailbox = pageThread.mailbox ?? session.data?.user?.email ?? null;
  if (!mailbox && session.isPending) return <StateMessage kind="loading" />;
  if (!mailbox) return <SignedOut />;
  const key = manualThreadKey(provider, mailbox, pageThread.threadId);
  if (!key) return null;
  return (
    <ThreadTicket
      threadKeys={[key]}
      threadUrl={threadUrl}
      renderCreate={(workspace) => (
        <ManualTicketForm threadKey={key} threadUrl={threadUrl} workspace={workspace} mailboxGuessed={!pageThread.mailbox} />
      )}
    />
  );
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

interface FormProps {
  threadKey: string;
  threadUrl: string;
  workspace: Workspace;
  mailboxGuessed: boolean;
}

function ManualTicketForm({ threadKey, threadUrl, workspace, mailboxGuessed }: FormProps) {
  const t = useT();
  const [subject, setSubject] = useState('');
  const [email, setEmail] = useState('');
  const draft = (): TicketDraft | string => {
    const customer = email.trim().toLowerCase();
    if (!EMAIL.test(customer) || customer.length > 254) return t('manual.invalidEmail');
    if (!subject.trim()) return t('manual.invalidSubject');
    return { threadKeys: [threadKey], subject: subject.trim().slice(0, 998), customer: { email: customer } };
  };
  return (
    <TicketDraftForm draft={draft} threadUrl={threadUrl} workspace={workspace} title={t('manual.title')}>
      <p class="sd-muted">{t(mailboxGuessed ? 'manual.explainOwnMailbox' : 'manual.explain')}</p>
      <label class="sd-field">
        <span>{t('manual.subject')}</span>
        <input
          type="text"
          value={subject}
          maxLength={998}
          onInput={(e) => setSubject(e.currentTarget.value)}
          data-testid="manual-subject"
        />
      </label>
      <label class="sd-field">
        <span>{t('manual.customerEmail')}</span>
        <input type="email" value={email} maxLength={254} onInput={(e) => setEmail(e.currentTarget.value)} data-testid="manual-email" />
      </label>
    </TicketDraftForm>
  );
}
