import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config/load';
import { ConfigError } from './errors';
import { startRuntime } from './app/runtime';
import { logger } from './logger';
import { startServer } from './server/app';
import { stopHub, stopOnSignals } from './server/shutdown';

/** `npm start`: the hub on its configured sources (default: the embedded demo company). */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await startRuntime(config, { refuseUnsafeDeployment: true });
  const server = await startServer(runtime);
  logger.info({ endpoint: server.url }, 'indicator-hub ready');
  process.stdout.write(
    `\nindicator-hub is ready: ${server.url}  (GraphiQL in a browser; POST GraphQL here)\n` +
      `  health: ${server.url.replace('/graphql', '/readyz')}   metrics: ${server.url.replace('/graphql', '/metrics')}\n` +
      `  model: ${config.model.dir}\n` +
      (existsSync(join(config.model.dir, 'demo-users.yaml'))
        ? `  demo data: scale ${config.demo.scale}, embedded engine in ${config.embedded.dataDir}\n` +
          `  credentials: run \`npm run demo:tokens\` for a token per demo user (CEO, finance, sales, HR, auditor…);\n` +
          `  send it as "Authorization: Bearer <token>" (GraphiQL: the Headers tab)\n\n`
        : `  credentials: an API key of the model's policy.yaml as "x-api-key: <key>", or a person's token\n` +
          `  as "Authorization: Bearer <token>" (GraphiQL: the Headers tab)\n\n`),
  );

  stopOnSignals(() => stopHub(server, runtime), config.server.shutdownGraceMs + 5000);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
});
