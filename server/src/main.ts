import 'reflect-metadata';
import { pino } from 'pino';
import { ConfigError, loadConfig } from './platform/config.js';
import { openDatabase } from './platform/database.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = pino({ level: config.logLevel });
  const startedAt = Date.now();
  // PostgreSQL starts in its own process while this one loads the app's modules, most of a start.
  const database = openDatabase(config, logger);
  // Its failure is reported once, by createApp awaiting it, not also as an unhandled rejection meanwhile.
  database.catch(() => {});
  const { createApp } = await import('./app.js');
  const app = await createApp(config, logger, {}, database);
  await app.http.listen({ port: config.port, host: config.host });
  logger.info({ ms: Date.now() - startedAt }, `Gongzhi is ready at http://localhost:${config.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
