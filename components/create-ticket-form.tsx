import { useState } from 'preact/hooks';
import { isAdminRole } from '@/lib/domain/permissions';
import type { Priority } from '@/lib/protocol/entities';
import type { ThreadView } from '@/lib/protocol/thread-view';
import { useMutate } from '@/lib/client/hooks';
import { describeError } from './describe-error';
import { useT } from './i18n-provider';
import type { Workspace } from './sidebar-context';
import { StateMessage } from './state-message';

const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** The open thread is not a ticket yet: turn it into one. */
export function CreateTicketForm({ view, threadUrl, workspace }: { view: ThreadView; threadUrl: string; workspace: Workspace }) {
  const t = useT();
  const mutate = useMutate();
  const { me } = workspace;
  const allowed = workspace.departments.filter((department) => isAdminRole(me.role) || me.departmentIds.includes(department.id));
  const [departmentId, setDepartmentId] = useState(allowed[0]?.id ?? '');
  const [priority, setPriority] = useState<Priority>('normal');
  const [assignToMe, setAssignToMe] = useState(true);

  if (!view.customer) return <StateMessage kind="info">{t('create.noCustomer')}</StateMessage>;
  if (allowed.length === 0) return <StateMessage kind="info">{t('create.noDepartments')}</StateMessage>;
  const customer = view.customer;
  const lastInbound = view.messages.filter((message) => message.direction === 'inbound' && message.sentAt).at(-1)?.sentAt;

  const submit = (event: Event) => {
    event.preventDefault();
    mutate.mutate({
      type: 'ticket.create',
      intent: {
        threadKeys: view.threadKeys,
        threadUrl,
        subject: view.subject,
        customer: customer.name ? { email: customer.email, name: customer.name } : { email: customer.email },
        departmentId: departmentId || allowed[0]!.id,
        priority,
        assignToMe,
        ...(lastInbound ? { lastCustomerMessageAt: lastInbound } : {}),
      },
    });
  };

  return (
    <form class="sd-section sd-form" onSubmit={submit} data-testid="create-ticket">
      <h2 class="sd-heading">{t('create.title')}</h2>
      <p class="sd-muted">
        {t('create.customer')}: {customer.name ? `${customer.name} <${customer.email}>` : customer.email}
      </p>
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
      {mutate.error ? <StateMessage kind="error">{describeError(mutate.error, t)}</StateMessage> : null}
      <button type="submit" class="sd-button sd-button--primary" disabled={mutate.isPending} data-testid="create-submit">
        {t('create.submit')}
      </button>
    </form>
  );
}
