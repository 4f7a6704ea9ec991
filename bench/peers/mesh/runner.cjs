// The Mesh peer's server process (started by index.ts, one process, no cluster forks): loads .meshrc.yml beside
// this file, builds the unified schema in memory (no `mesh build` artifacts on disk) and serves it on 127.0.0.1.
// Connection values arrive in MESH_* environment variables; the port in MESH_PEER_PORT (0 = any free port).
// Prints "MESH_PEER_READY <port>" once it accepts requests. Plain JavaScript so that no TypeScript loader runs in
// the measured process. CommonJS: the handlers' ESM builds cannot import PostGraphile's JSON introspection cache.
'use strict';
const { createServer } = require('node:http');
const { findAndParseConfig } = require('@graphql-mesh/cli');
const { createMeshHTTPHandler } = require('@graphql-mesh/http');
const { getMesh } = require('@graphql-mesh/runtime');
const { InMemoryStoreStorageAdapter, MeshStore } = require('@graphql-mesh/store');

const dir = __dirname;

async function main() {
  const store = new MeshStore('.mesh', new InMemoryStoreStorageAdapter(), { readonly: false, validate: false });
  const config = await findAndParseConfig({ dir, store });
  const mesh = await getMesh(config);
  const handler = createMeshHTTPHandler({
    baseDir: dir,
    getBuiltMesh: () => Promise.resolve(mesh),
    rawServeConfig: config.config.serve,
  });
  const server = createServer(handler);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(process.env.MESH_PEER_PORT ?? 0), '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  process.stdout.write(`MESH_PEER_READY ${typeof address === 'object' && address ? address.port : '?'}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.closeAllConnections?.();
    server.close(() => {
      Promise.resolve(mesh.destroy())
        .catch(() => undefined)
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`mesh peer failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
