// The baseline: a bare Hono handler on @hono/node-server, loaded the same way as the server
// (node --import tsx), so "Sidedesk reassign rate / this rate" isolates what Sidedesk adds.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const port = Number(process.env.PORT ?? 8788);
const app = new Hono();
app.post('/x', (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => console.log(`bare hono listening on ${info.port}`));
process.once('SIGTERM', () => process.exit(0));
