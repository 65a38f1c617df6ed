import { openCapturing, printPlans } from './queries.js';
const file = process.argv[2];
const engine = (process.argv[3] ?? 'sqlite') as 'sqlite' | 'postgres';
const c = openCapturing(engine, engine === 'sqlite' ? { file } : { url: file });
const { ListContactsQuery } = await import('@nenner/shared');
const { listContacts } = await import('../src/modules/contacts/contacts.service.js');
const { db } = c.ctx;
const admin = await db.selectFrom('users').selectAll().where('email', '=', 'jonas.keller@nenner.demo').executeTakeFirstOrThrow();
const actor = { id: admin.id, role: admin.role, department: admin.department, name: admin.name, email: admin.email } as never;
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const { plans } = await c.capture((ctx) => listContacts(ctx, actor, ListContactsQuery.parse({ sort: 'lastName', limit: '50' })));
  console.log('total', (performance.now() - t).toFixed(1));
  if (i === 4) printPlans(console.log, plans);
}
await c.close();
