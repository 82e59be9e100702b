import { canInWorkspace } from '../../lib/domain/permissions';
import {
  createDepartmentRequestSchema,
  createUserRequestSchema,
  departmentListResponseSchema,
  departmentResponseSchema,
  presenceRequestSchema,
  updateDepartmentRequestSchema,
  updateSettingsRequestSchema,
  updateSettingsResponseSchema,
  updateUserRequestSchema,
  userListResponseSchema,
  userResponseSchema,
  workloadResponseSchema,
} from '../../lib/protocol/requests';
import type { AuthedUser } from '../context';
import type { ApiRoutes } from '../http/api-routes';
import { Forbidden } from '../services/errors';
import { runMutation } from '../http/mutation';
import { hashPassword } from '../http/passwords';
import * as people from '../services/people';

const managersOnly = (actor: AuthedUser) => {
  if (!canInWorkspace(actor, 'workspace.manage')) throw new Forbidden('Only admins and owners manage the workspace.');
};

const ownersOnly = (actor: AuthedUser) => {
  if (actor.role !== 'owner') throw new Forbidden('Only owners change the workspace settings.');
};

export function peopleRoutes(routes: ApiRoutes): void {
  routes.add(
    {
      method: 'post',
      path: '/me/presence',
      summary: 'Heartbeat, or set availability by hand',
      access: 'signed in',
      mutation: true,
      body: presenceRequestSchema,
      responses: { 200: userResponseSchema },
    },
    async (c, { body }) => runMutation(c, (m) => people.recordPresence(m, c.get('actor'), body.availability)),
  );

  routes.add(
    {
      method: 'get',
      path: '/users',
      summary: 'Colleagues: name, role, departments, availability',
      access: 'signed in',
      responses: { 200: userListResponseSchema },
    },
    async (c) => c.json({ users: await people.listUsers(c.get('deps').store.db, c.get('actor')) }),
  );

  routes.add(
    {
      method: 'get',
      path: '/users/workload',
      summary: 'Open tickets per active colleague: counts only, for ranking handoffs',
      access: 'signed in (every role may hand a ticket to any active colleague)',
      responses: { 200: workloadResponseSchema },
    },
    async (c) => c.json({ workload: await people.listWorkload(c.get('deps').store.db, c.get('actor')) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/users',
      summary: 'Add a user',
      access: 'admin (not admins/owners), owner',
      mutation: true,
      body: createUserRequestSchema,
      responses: { 201: userResponseSchema },
      guard: managersOnly,
    },
    async (c, { body: { password, ...body } }) => {
      // Hashed before the transaction opens: other writers must not wait for scrypt.
      const passwordHash = await hashPassword(password);
      return runMutation(c, (m) => people.createUser(m, c.get('actor'), { ...body, passwordHash }));
    },
  );

  routes.add(
    {
      method: 'patch',
      path: '/users/:id',
      summary: 'Change a user',
      access: 'admin (not admins/owners), owner',
      mutation: true,
      body: updateUserRequestSchema,
      responses: { 200: userResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => people.updateUser(m, c.get('actor'), c.req.param('id')!, body)),
  );

  routes.add(
    {
      method: 'get',
      path: '/departments',
      summary: 'Departments',
      access: 'signed in',
      responses: { 200: departmentListResponseSchema },
    },
    async (c) => c.json({ departments: await people.listDepartments(c.get('deps').store.db, c.get('actor')) }),
  );

  routes.add(
    {
      method: 'post',
      path: '/departments',
      summary: 'Add a department',
      access: 'admin, owner',
      mutation: true,
      body: createDepartmentRequestSchema,
      responses: { 201: departmentResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => people.createDepartment(m, c.get('actor'), body)),
  );

  routes.add(
    {
      method: 'patch',
      path: '/departments/:id',
      summary: 'Rename a department',
      access: 'admin, owner',
      mutation: true,
      body: updateDepartmentRequestSchema,
      responses: { 200: departmentResponseSchema },
      guard: managersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => people.renameDepartment(m, c.get('actor'), c.req.param('id')!, body.name)),
  );

  routes.add(
    {
      method: 'delete',
      path: '/departments/:id',
      summary: 'Remove an empty department',
      access: 'admin, owner',
      mutation: true,
      responses: { 200: 'Removed' },
      guard: managersOnly,
    },
    async (c) => runMutation(c, (m) => people.deleteDepartment(m, c.get('actor'), c.req.param('id')!)),
  );

  routes.add(
    {
      method: 'patch',
      path: '/settings',
      summary: 'Workspace name and settings',
      access: 'owner',
      mutation: true,
      body: updateSettingsRequestSchema,
      responses: { 200: updateSettingsResponseSchema },
      guard: ownersOnly,
    },
    async (c, { body }) => runMutation(c, (m) => people.updateSettings(m, c.get('actor'), body)),
  );
}
