import 'reflect-metadata';
import fs from 'node:fs';
import { printAppSchema } from '../app.js';

export const SCHEMA_FILE = 'schema/schema.graphql';

fs.writeFileSync(SCHEMA_FILE, await printAppSchema());
console.log(`Wrote ${SCHEMA_FILE}`);
