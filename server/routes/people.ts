import { Hono } from 'hono';
import { z } from 'zod';
import { canInWorkspace } from '../../lib/domain/permissions';
import {
  createDepartmentRequestSchema,
  createUserRequestSchema,
  departmentListResponseSchema,
  departmentResponseSchema,
  presenceRequestSchema,
  updateDepartmentRequestSchema,
  updateSettingsRequestSchema,
  updateUserRequestSchema,
  userListResponseSchema,
  userResponseSchema,
} from '../../lib/protocol/requests';
import { workspaceSettingsSchema } from '../../lib/protocol/entities';
import type { AppEnv } from '../context';
import { documentRoute } from '../http/api-doc';
import { forbidden } from '../http/errors';
import { runMutation } from '../http/mutation';
import { hashPassword } from '../http/passwords';
import { parseBody } from '../http/validate';
import * as people from '../services/people';
import { createMiddleware } from 'hono/factory';

const requireManager = createMiddleware<AppEnv>(async (c, next) => {
  if (!canInWorkspace(c.get('actor'), 'workspace.manage')) throw forbidden('Only admins and owners manage the workspace.');
  await next();
});

export function peopleRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  documentRoute({
    method: 'post',
    path: '/me/presence',
    summary: 'Heartbeat, or set availability by hand',
    access: 'signed in',
    mutation: true,
    body: presenceRequestSchema,
    responses: { 200: userResponseSchema },
  });
  app.post('/me/presence', async (c) => {
    const body = await parseBody(c, presenceRequestSchema);
    return runMutation(c, (m) => people.recordPresence(m, c.get('actor'), body.availability));
  });

  documentRoute({
    method: 'get',
    path: '/users',
    summary: 'Colleagues: name, role, departments, availability',
    access: 'signed in',
    responses: { 200: userListResponseSchema },
  });
  app.get('/users', async (c) => c.json({ users: await people.listUsers(c.get('deps').store.db, c.get('actor')) }));

  documentRoute({
    method: 'post',
    path: '/users',
    summary: 'Add a user',
    access: 'admin (not admins/owners), owner',
    mutation: true,
    body: createUserRequestSchema,
    responses: { 201: userResponseSchema },
  });
  app.post('/users', requireManager, async (c) => {
    const { password, ...body } = await parseBody(c, createUserRequestSchema);
    // Hashed before the transaction opens: other writers must not wait for scrypt.
    const passwordHash = await hashPassword(password);
    return runMutation(c, (m) => people.createUser(m, c.get('actor'), { ...body, passwordHash }));
  });

  documentRoute({
    method: 'patch',
    path: '/users/:id',
    summary: 'Change a user',
    access: 'admin (not admins/owners), owner',
    mutation: true,
    body: updateUserRequestSchema,
    responses: { 200: userResponseSchema },
  });
  app.patch('/users/:id', requireManager, async (c) => {
    const { password, ...body } = await parseBody(c, updateUserRequestSchema);
    const passwordHash = password === undefined ? undefined : await hashPassword(password);
    return runMutation(c, (m) => people.updateUser(m, c.get('actor'), c.req.param('id'), { ...body, passwordHash }));
  });

  documentRoute({
    method: 'get',
    path: '/departments',
    summary: 'Departments',
    access: 'signed in',
    responses: { 200: departmentListResponseSchema },
  });
  app.get('/departments', async (c) => c.json({ departments: await people.listDepartments(c.get('deps').store.db, c.get('actor')) }));

  documentRoute({
    method: 'post',
    path: '/departments',
    summary: 'Add a department',
    access: 'admin, owner',
    mutation: true,
    body: createDepartmentRequestSchema,
    responses: { 201: departmentResponseSchema },
  });
  app.post('/departments', requireManager, async (c) => {
    const body = await parseBody(c, createDepartmentRequestSchema);
    return runMutation(c, (m) => people.createDepartment(m, c.get('actor'), body));
  });

  documentRoute({
    method: 'patch',
    path: '/departments/:id',
    summary: 'Rename a department',
    access: 'admin, owner',
    mutation: true,
    body: updateDepartmentRequestSchema,
    responses: { 200: departmentResponseSchema },
  });
  app.patch('/departments/:id', requireManager, async (c) => {
    const body = await parseBody(c, updateDepartmentRequestSchema);
    return runMutation(c, (m) => people.renameDepartment(m, c.get('actor'), c.req.param('id'), body.name));
  });

  documentRoute({
    method: 'delete',
    path: '/departments/:id',
    summary: 'Remove an empty department',
    access: 'admin, owner',
    mutation: true,
    responses: { 200: 'Removed' },
  });
  app.delete('/departments/:id', requireManager, async (c) =>
    runMutation(c, (m) => people.deleteDepartment(m, c.get('actor'), c.req.param('id'))),
  );

  documentRoute({
    method: 'patch',
    path: '/settings',
    summary: 'Workspace settings',
    access: 'admin, owner',
    mutation: true,
    body: updateSettingsRequestSchema,
    responses: { 200: z.object({ settings: workspaceSettingsSchema }) },
  });
  app.patch('/settings', requireManager, async (c) => {
    const body = await parseBody(c, updateSettingsRequestSchema);
    return runMutation(c, (m) => people.updateSettings(m, c.get('actor'), body));
  });
  return app;
}
