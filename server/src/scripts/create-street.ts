import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createStreet } from '../areas/areas.service.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { loadConfig } from '../platform/config.js';
import { startEmbeddedPostgres } from '../platform/database.js';
import { ORM_MODEL } from '../app.js';
import { openOrm } from '../platform/orm.js';
import { MOBILE_PHONE } from '../platform/validation.js';
import { Role } from '../platform/auth/roles.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { User } from '../people/user.entity.js';

/**
 * Sets up a street (a root of the area tree) and its first administrator, which the API
 * deliberately cannot do. Prints a one-time password for the administrator.
 * Usage: npm run create-street -- --name 幸福街道 --admin-phone 13900000000 --admin-name 王建国
 */
const { values } = parseArgs({
  options: { name: { type: 'string' }, 'admin-phone': { type: 'string' }, 'admin-name': { type: 'string' } },
});
const name = values.name?.trim();
const phone = values['admin-phone']?.trim();
const adminName = values['admin-name']?.trim();
if (!name || !phone || !adminName || !MOBILE_PHONE.test(phone)) {
  console.error(
    'Usage: npm run create-street -- --name <街道名称> --admin-phone <11-digit mobile> --admin-name <姓名>',
  );
  process.exit(2);
}

const config = loadConfig();
const logger = pino({ level: 'warn' });
const database = config.databaseUrl
  ? { url: config.databaseUrl, stop: async () => {} }
  : await startEmbeddedPostgres({ dataDir: `${config.dataDir}/pg`, port: config.embeddedPgPort, logger });
const orm = await openOrm(database.url, ORM_MODEL);
try {
  const em = orm.em.fork();
  const street = await createStreet(em, name);
  const password = randomBytes(9).toString('base64url');
  const existing = await em.findOne(User, { phone });
  const admin =
    existing ?? em.create(User, { phone, displayName: adminName, passwordHash: await hashPassword(password) });
  em.create(RoleAssignment, { user: admin, role: Role.ADMIN, area: street });
  await em.flush();
  console.log(`Created ${name} (id ${street.id}); ${adminName} (${phone}) is its administrator.`);
  if (!existing) console.log(`One-time password: ${password}  — sign in and change it.`);
} finally {
  await orm.close();
  await database.stop();
}
