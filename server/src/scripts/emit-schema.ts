import 'reflect-metadata';
import fs from 'node:fs';
import { printGraphQLSchema } from '../platform/schema.js';

export const SCHEMA_FILE = 'schema/schema.graphql';

fs.writeFileSync(SCHEMA_FILE, await printGraphQLSchema());
console.log(`Wrote ${SCHEMA_FILE}`);
