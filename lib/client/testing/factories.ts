import type { Callback, ChangesResponse, Department, Reply, Ticket, TicketEvent, User } from '../../protocol';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${(++counter).toString().padStart(4, '0')}`;

export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  const id = overrides.id ?? nextId('t');
  return {
    id,
    number: 1000 + counter,
    subject: 'Refund for order 42',
    customer: { email: 'customer@example.com', name: 'Carla Customer' },
    departmentId: 'dep-billing',
    status: 'open',
    priority: 'normal',
    assigneeId: 'u-anna',
    version: 1,
    reassignmentCount: 0,
    postponedUntil: null,
    firstResponseAt: null,
    lastCustomerMessageAt: null,
    threadKeys: [`gmail:support@example.com:${id}`],
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: overrides.id ?? nextId('u'),
    email: 'someone@demo.test',
    name: 'Someone',
    role: 'operator',
    departmentIds: ['dep-billing'],
    availability: 'online',
    lastSeenAt: null,
    active: true,
    version: 1,
    ...overrides,
  };
}

export function makeDepartment(overrides: Partial<Department> = {}): Department {
  return { id: overrides.id ?? nextId('dep'), name: 'Billing', version: 1, ...overrides };
}

export function makeCallback(overrides: Partial<Callback> = {}): Callback {
  return {
    id: overrides.id ?? nextId('cb'),
    ticketId: 't-1',
    ownerId: 'u-anna',
    kind: 'call',
    note: '',
    dueAt: '2026-11-20T15:00:00.000Z',
    status: 'pending',
    createdAt: '2026-11-20T10:00:00.000Z',
    completedAt: null,
    version: 1,
    phone: null,
    attempt: 1,
    outcome: null,
    ...overrides,
  };
}

export function makeEvent(ticketId: string, overrides: Partial<TicketEvent> = {}): TicketEvent {
  return {
    id: nextId('ev'),
    ticketId,
    actorId: 'u-anna',
    at: '2026-11-20T10:00:00.000Z',
    version: 1,
    type: 'created',
    data: { departmentId: 'dep-billing', assigneeId: 'u-anna', status: 'open' },
    ...overrides,
  } as TicketEvent;
}

export function makeChangesPage(overrides: Partial<ChangesResponse> = {}): ChangesResponse {
  return {
    cursor: 0,
    more: false,
    reset: false,
    tickets: [],
    ticketTombstones: [],
    ticketDepartures: [],
    events: [],
    replies: [],
    callbacks: [],
    users: [],
    departments: [],
    departmentTombstones: [],
    notes: [],
    noteTombstones: [],
    ...overrides,
  };
}

export function makeReply(overrides: Partial<Reply> = {}): Reply {
  return {
    id: overrides.id ?? nextId('r'),
    ticketId: 't-1',
    authorId: 'u-anna',
    messageId: '<reply-1@example.com>',
    recipients: ['customer@example.com'],
    subject: 'Re: Refund for order 42',
    status: 'sent',
    scheduledAt: null,
    sentAt: '2026-11-20T11:00:00.000Z',
    reports: [],
    createdAt: '2026-11-20T11:00:00.000Z',
    updatedAt: '2026-11-20T11:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
