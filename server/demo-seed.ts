import type { Priority, TicketStatus } from '../lib/protocol/entities';
import type { AuthedUser, Deps } from './context';
import { runSystemMutation } from './store/unit-of-work';
import { addCallback } from './services/callbacks';
import { addDeliveryReports, recordReply } from './services/replies';
import { reassignTicket, takeTicket, updateTicket } from './services/ticket-change';
import { createTicket } from './services/ticket-create';
import { setBusinessHours, setPolicy } from './services/sla-policies';
import { addDepartment, addUser, createWorkspace } from './workspace-setup';

export const DEMO_PASSWORD = 'demo';
export const DEMO_ACCOUNTS = [
  { email: 'owner@demo.test', role: 'owner', note: 'everything, incl. delivery reports' },
  { email: 'supervisor@demo.test', role: 'supervisor', note: 'Billing + Technical; reassigns from the sidebar' },
  { email: 'anna@demo.test', role: 'operator', note: 'Billing' },
  { email: 'boris@demo.test', role: 'operator', note: 'Technical' },
] as const;

type SeedDeps = Pick<Deps, 'store' | 'bus' | 'now'>;

interface DemoTicket {
  subject: string;
  customer: [email: string, name: string];
  department: 'billing' | 'technical';
  priority?: Priority;
  assignee?: 'anna' | 'boris' | 'supervisor';
  status?: TicketStatus;
  replied?: 'sent' | 'scheduled' | 'bounced' | 'delayed';
  handoffs?: Array<'anna' | 'boris' | 'supervisor'>;
  callbackInMinutes?: number;
}

const DEMO_TICKETS: DemoTicket[] = [
  {
    subject: 'Invoice INV-2291 charged twice',
    customer: ['olivia.hart@example.com', 'Olivia Hart'],
    department: 'billing',
    priority: 'high',
  },
  { subject: 'Refund for the annual plan', customer: ['m.chen@example.org', 'Ming Chen'], department: 'billing', assignee: 'anna' },
  {
    subject: 'VAT number missing on receipt',
    customer: ['accounts@northwind.example', 'Northwind Accounts'],
    department: 'billing',
    assignee: 'anna',
    replied: 'sent',
  },
  {
    subject: 'Change billing email address',
    customer: ['luis.ortega@example.net', 'Luis Ortega'],
    department: 'billing',
    assignee: 'anna',
    status: 'resolved',
    replied: 'sent',
  },
  {
    subject: 'Card declined at renewal',
    customer: ['priya.n@example.com', 'Priya Nair'],
    department: 'billing',
    assignee: 'anna',
    replied: 'bounced',
  },
  {
    subject: 'Discount code not applied',
    customer: ['tom.becker@example.de', 'Tom Becker'],
    department: 'billing',
    status: 'postponed',
    assignee: 'anna',
  },
  { subject: 'Cheap watches!!!', customer: ['offers@spam.example', 'Best Offers'], department: 'billing', status: 'spam' },
  {
    subject: 'Upgrade to the team plan mid-cycle',
    customer: ['sara.lind@example.se', 'Sara Lind'],
    department: 'billing',
    assignee: 'anna',
    callbackInMinutes: -15,
  },
  {
    subject: 'Quote for 40 seats',
    customer: ['procurement@contoso.example', 'Contoso Procurement'],
    department: 'billing',
    priority: 'urgent',
  },
  {
    subject: 'Sync stops after an hour',
    customer: ['dev@fabrikam.example', 'Fabrikam Dev Team'],
    department: 'technical',
    assignee: 'boris',
    priority: 'high',
  },
  { subject: 'Cannot log in with SSO', customer: ['it@adatum.example', 'Adatum IT'], department: 'technical', priority: 'urgent' },
  {
    subject: 'Export to CSV is empty',
    customer: ['jana.novak@example.cz', 'Jana Novak'],
    department: 'technical',
    assignee: 'boris',
    replied: 'scheduled',
  },
  {
    subject: 'Webhook retries flood our endpoint',
    customer: ['ops@tailspin.example', 'Tailspin Ops'],
    department: 'technical',
    assignee: 'boris',
    replied: 'delayed',
  },
  {
    subject: 'Android app crashes on start',
    customer: ['kofi.mensah@example.com', 'Kofi Mensah'],
    department: 'technical',
    assignee: 'boris',
    status: 'resolved',
    replied: 'sent',
  },
  {
    subject: 'API rate limit questions',
    customer: ['api@litware.example', 'Litware API'],
    department: 'technical',
    assignee: 'boris',
    handoffs: ['supervisor', 'boris'],
  },
  {
    subject: 'Data residency in the EU',
    customer: ['dpo@wingtip.example', 'Wingtip DPO'],
    department: 'technical',
    assignee: 'boris',
    handoffs: ['supervisor'],
  },
  {
    subject: 'Password reset email never arrives',
    customer: ['elena.petrova@example.ru', 'Елена Петрова'],
    department: 'technical',
    callbackInMinutes: 90,
  },
  {
    subject: 'Billing portal shows an error 500',
    customer: ['h.yamada@example.jp', 'Hiro Yamada'],
    department: 'technical',
    assignee: 'boris',
    replied: 'sent',
  },
  { subject: 'Missing credit note for March', customer: ['finance@margie.example', 'Margie Finance'], department: 'billing' },
  { subject: 'Two-factor codes arrive late', customer: ['noah.w@example.com', 'Noah Williams'], department: 'technical', priority: 'low' },
];

// Reply promises of a small support team (minutes of business hours, Mon–Fri 9–18 Berlin time):
// so that a newcomer sees due times, the amber and red of a late reply, and the queues sorted by them.
const DEMO_SLA_MINUTES: Record<Priority, { first: number; next: number; resolution: number }> = {
  urgent: { first: 60, next: 120, resolution: 8 * 60 },
  high: { first: 4 * 60, next: 4 * 60, resolution: 3 * 9 * 60 },
  normal: { first: 8 * 60, next: 9 * 60, resolution: 5 * 9 * 60 },
  low: { first: 2 * 9 * 60, next: 2 * 9 * 60, resolution: 10 * 9 * 60 },
};

async function seedDemoSla(deps: SeedDeps, owner: AuthedUser, departments: Record<'billing' | 'technical', string>): Promise<void> {
  const nineToSix = [{ from: '09:00', to: '18:00' }];
  await runSystemMutation(deps, owner.workspaceId, (m) =>
    setBusinessHours(m, owner, {
      timeZone: 'Europe/Berlin',
      weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix, sat: [], sun: [] },
    }),
  );
  for (const departmentId of Object.values(departments)) {
    for (const [priority, minutes] of Object.entries(DEMO_SLA_MINUTES) as [Priority, (typeof DEMO_SLA_MINUTES)[Priority]][]) {
      await runSystemMutation(deps, owner.workspaceId, (m) =>
        setPolicy(m, owner, {
          departmentId,
          priority,
          firstResponseMinutes: minutes.first,
          nextResponseMinutes: minutes.next,
          resolutionMinutes: minutes.resolution,
          businessHours: true,
        }),
      );
    }
  }
}

/**
 * Seeds the demo workspace once (the owner's email marks it). Returns false when it already exists.
 * `sla: false` leaves out the reply promises (tests that set their own, server/test-support/harness.ts).
 */
export async function seedDemoWorkspace(deps: SeedDeps, { sla = true }: { sla?: boolean } = {}): Promise<boolean> {
  const existing = await deps.store.db.selectFrom('users').select('id').where('email', '=', 'owner@demo.test').executeTakeFirst();
  if (existing) return false;
  const owner = await createWorkspace(deps, 'Demo support team', { email: 'owner@demo.test', name: 'Olga Owner', password: DEMO_PASSWORD });
  const billing = await addDepartment(deps, owner, 'Billing');
  const technical = await addDepartment(deps, owner, 'Technical');
  const departments = { billing, technical };
  const people = {
    supervisor: await addUser(deps, owner, {
      email: 'supervisor@demo.test',
      name: 'Sam Supervisor',
      role: 'supervisor',
      password: DEMO_PASSWORD,
      departmentIds: [billing, technical],
    }),
    anna: await addUser(deps, owner, {
      email: 'anna@demo.test',
      name: 'Anna Ivanova',
      role: 'operator',
      password: DEMO_PASSWORD,
      departmentIds: [billing],
    }),
    boris: await addUser(deps, owner, {
      email: 'boris@demo.test',
      name: 'Boris Novak',
      role: 'operator',
      password: DEMO_PASSWORD,
      departmentIds: [technical],
    }),
  };
  if (sla) await seedDemoSla(deps, owner, departments);
  const realNow = deps.now().getTime();
  let clock = realNow;
  // Tickets are spread over the last two weeks, so reports and timelines look like a real queue.
  const past = { ...deps, now: () => new Date(clock) };
  const run = <T>(apply: Parameters<typeof runSystemMutation<T>>[2]) => runSystemMutation(past, owner.workspaceId, apply);

  for (const [index, demo] of DEMO_TICKETS.entries()) {
    clock = realNow - (DEMO_TICKETS.length - index) * 16 * 3600_000;
    const id = (1000 + index).toString(16);
    const { ticket: created } = await run((m) =>
      createTicket(m, owner, {
        threadKeys: [`rfc:demo-${id}@mail.example.com`, `gmail:support@demo.test:18c2f0e3a1b2${id}`],
        subject: demo.subject,
        customer: { email: demo.customer[0], name: demo.customer[1] },
        departmentId: departments[demo.department],
        priority: demo.priority ?? 'normal',
        lastCustomerMessageAt: new Date(clock - 5 * 60_000).toISOString(),
      }),
    );
    let ticket = created;
    const assignee: AuthedUser | undefined = demo.assignee && people[demo.assignee];
    clock += 20 * 60_000;
    if (assignee) ({ ticket } = await run((m) => takeTicket(m, assignee, ticket.id, ticket.version)));
    for (const to of demo.handoffs ?? []) {
      ({ ticket } = await run((m) =>
        reassignTicket(m, people.supervisor, ticket.id, {
          assigneeId: people[to].id,
          reason: 'expertise',
          note: 'Needs a closer look',
          expectedVersion: ticket.version,
          confirmOffline: true,
          confirmRepeated: true,
        }),
      ));
    }
    clock += 45 * 60_000;
    if (demo.replied && assignee) {
      const scheduled = demo.replied === 'scheduled';
      const { reply } = await run((m) =>
        recordReply(m, assignee, ticket.id, {
          messageId: `<reply-${id}@demo.test>`,
          recipients: [demo.customer[0]],
          subject: `Re: ${demo.subject}`,
          status: scheduled ? 'scheduled' : 'sent',
          ...(scheduled ? { scheduledAt: new Date(realNow + 3 * 3600_000).toISOString() } : {}),
        }),
      );
      if (demo.replied === 'bounced' || demo.replied === 'delayed') {
        const failed = demo.replied === 'bounced';
        await run((m) =>
          addDeliveryReports(m, assignee, reply.id, [
            {
              kind: failed ? 'failed' : 'delayed',
              recipient: demo.customer[0],
              status: failed ? '5.1.1' : '4.4.1',
              smtpCode: failed ? 550 : 451,
              smtpReply: failed ? '550 5.1.1 The email account that you tried to reach does not exist.' : '451 4.4.1 No answer from host',
              diagnostic: failed
                ? 'smtp; 550-5.1.1 The email account that you tried to reach does not exist.'
                : 'Message delayed: still trying for 4 hours',
              reportingMta: 'dns; mx.demo.test',
              remoteMta: failed ? 'dns; mx.example.com' : 'dns; mail.tailspin.example',
              at: new Date(clock + 4 * 60_000).toISOString(),
            },
          ]),
        );
      }
    }
    const current = await deps.store.db.selectFrom('tickets').select('version').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    if (demo.status && demo.status !== ticket.status) {
      clock += 30 * 60_000;
      const until = demo.status === 'postponed' ? new Date(realNow + 2 * 86_400_000).toISOString() : undefined;
      await run((m) =>
        updateTicket(m, owner, ticket.id, {
          status: demo.status,
          ...(until ? { postponedUntil: until } : {}),
          expectedVersion: current.version,
        }),
      );
    }
    if (demo.callbackInMinutes !== undefined) {
      const ownerOfCallback = assignee ?? people.supervisor;
      await run((m) =>
        addCallback(m, ownerOfCallback, ticket.id, {
          kind: demo.callbackInMinutes! < 0 ? 'call' : 'follow_up',
          dueAt: new Date(realNow + demo.callbackInMinutes! * 60_000).toISOString(),
          note: demo.callbackInMinutes! < 0 ? 'Call back about the upgrade options' : 'Follow up if no answer',
          phone: demo.callbackInMinutes! < 0 ? '+1 555 010 2030' : null,
        }),
      );
    }
  }
  return true;
}
