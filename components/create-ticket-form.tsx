import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { isAdminRole } from '@/lib/domain/permissions';
import type { Priority } from '@/lib/protocol/entities';
import type { ThreadView } from '@/lib/protocol/thread-view';
import { useMutate } from '@/lib/client/ui/hooks';
import { describeError } from '@/lib/client/ui/describe-error';
import { useT } from './i18n-provider';
import type { Workspace } from '@/lib/client/ui/sidebar-context';
import { StateMessage } from './state-message';
import { LinkThreadOffer } from './link-thread-offer';

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** What a new ticket is made of, read from the thread or typed by the operator. */
export interface TicketDraft {
  threadKeys: string[];
  subject: string;
  customer: { email: string; name?: string };
  lastCustomerMessageAt?: string;
}

/** The open thread is not a ticket yet: turn it into one. */
export function CreateTicketForm({ view, threadUrl, workspace }: { view: ThreadView; threadUrl: string; workspace: Workspace }) {
  const t = useT();
  if (!view.customer) return <StateMessage kind="info">{t('create.noCustomer')}</StateMessage>;
  const customer = view.customer;
  const lastInbound = view.messages.filter((message) => message.direction === 'inbound' && message.sentAt).at(-1)?.sentAt;
  const draft: TicketDraft = {
    threadKeys: view.threadKeys,
    subject: view.subject,
    customer: customer.name ? { email: customer.email, name: customer.name } : { email: customer.email },
    ...(lastInbound ? { lastCustomerMessageAt: lastInbound } : {}),
  };
  return (
    <>
      <TicketDraftForm draft={() => draft} threadUrl={threadUrl} workspace={workspace} title={t('create.title')}>
        <p class="sd-muted">
          {t('create.customer')}: {customer.name ? `${customer.name} <${customer.email}>` : customer.email}
        </p>
      </TicketDraftForm>
      <LinkThreadOffer view={view} />
    </>
  );
}

interface DraftFormProps {
  /** The draft as it stands when the form is sent; a string is what is wrong with it, in the user's words. */
  draft: () => TicketDraft | string;
  threadUrl: string;
  workspace: Workspace;
  title: string;
  /** What the operator sees or types before department, priority and assignee. */
  children: ComponentChildren;
}

/** Department, priority and assignee for a new ticket, and the button that queues it. */
export function TicketDraftForm({ draft, threadUrl, workspace, title, children }: DraftFormProps) {
  const t = useT();
  const mutate = useMutate();
  const { me } = workspace;
  const allowed = workspace.departments.filter((department) => isAdminRole(me.role) || me.departmentIds.includes(department.id));
  const [departmentId, setDepartmentId] = useState(allowed[0]?.id ?? '');
  const [priority, setPriority] = useState<Priority>('normal');
  const [assignToMe, setAssignToMe] = useState(true);
  const [invalid, setInvalid] = useState<string | null>(null);

  if (allowed.length === 0) return <StateMessage kind="info">{t('create.noDepartments')}</StateMessage>;

  const submit = (event: Event) => {
    event.preventDefault();
    const current = draft();
    setInvalid(typeof current === 'string' ? current : null);
    if (typeof current === 'string') return;
    mutate.mutate({
      type: 'ticket.create',
      intent: { ...current, threadUrl, departmentId: departmentId || allowed[0]!.id, priority, assignToMe },
    });
  };

  return (
    // Our own check says what is wrong in the sidebar's language, not the page's validation bubble.
    <form class="sd-section sd-form" onSubmit={submit} noValidate data-testid="create-ticket">
      <h2 class="sd-heading">{title}</h2>
      {children}
      <label class="sd-field">
        <span>{t('create.department')}</span>
        <select value={departmentId} onChange={(e) => setDepartmentId(e.currentTarget.value)} data-testid="create-department">
          {allowed.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </label>
      <label class="sd-field">
        <span>{t('create.priority')}</span>
        <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as Priority)} data-testid="create-priority">
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {t(`priority.${value}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="sd-field sd-radios">
        <label>
          <input type="radio" name="sd-assign" checked={assignToMe} onChange={() => setAssignToMe(true)} />
          {t('create.assignToMe')}
        </label>
        <label>
          <input
            type="radio"
            name="sd-assign"
            checked={!assignToMe}
            onChange={() => setAssignToMe(false)}
            data-testid="create-unassigned"
          />
          {t('create.leaveUnassigned')}
        </label>
      </fieldset>
      {invalid ? <StateMessage kind="error">{invalid}</StateMessage> : null}
      {mutate.error ? <StateMessage kind="error">{describeError(mutate.error, t)}</StateMessage> : null}
      <button type="submit" class="sd-button sd-button--primary" disabled={mutate.isPending} data-testid="create-submit">
        {t('create.submit')}
      </button>
    </form>
  );
}
