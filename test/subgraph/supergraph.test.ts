import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { applyMask } from '../../src/auth/masks';
import { ALL_EMBEDDED, testCompany } from '../support/engines';
import { authHeaders, startTestHub, type As, type TestHub } from '../support/hub-client';

/**
 * The hub as a subgraph of a supergraph: composed with @apollo/composition from the hub's own `_service`
 * SDL and a small second subgraph (a desk plan extending Employee), served by @apollo/gateway. A query
 * across both returns the generated company's data and the desk plan's; the phone number the policy masks
 * for a finance analyst stays masked when the gateway fetches Employee through `_entities`.
 */
const EXECUTIVE = 'EMP-000001';
const ANALYST = 'EMP-000271';
const AUDITOR = 'EMP-000312';
const ON_FLOOR = ['EMP-000002', 'EMP-000003', 'EMP-000010'];
const desk = (id: string) => `D-${id.slice(-3)}`;
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the hub in an Apollo supergraph', () => {
  let hub: TestHub;
  let desks: ApolloServer;
  let gateway: ApolloServer<{ authorization?: string; apiKey?: string }>;
  let gatewayUrl: string;

  beforeAll(async () => {
    hub = await startTestHub(ALL_EMBEDDED, { subgraph: { enabled: true } });
    const sdl = await hub.query<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(sdl.errors).toBeUndefined();

    const deskTypeDefs = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Employee @key(fields: "id") { id: ID! desk: String }
      type Query { onFloor: [Employee!]! }
    `);
    desks = new ApolloServer({
      logger: silent,
      schema: buildSubgraphSchema([
        {
          typeDefs: deskTypeDefs,
          resolvers: {
            Query: { onFloor: () => ON_FLOOR.map((id) => ({ id })) },
            Employee: {
              __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
              desk: (e: { id: string }) => desk(e.id),
            },
          } as never,
        },
      ]),
    });
    const { url: desksUrl } = await startStandaloneServer(desks, { listen: { host: '127.0.0.1', port: 0 } });

    const composed = composeServices([
      { name: 'hub', typeDefs: parse(sdl.data!._service.sdl), url: hub.url },
      { name: 'desks', typeDefs: deskTypeDefs, url: desksUrl },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    gateway = new ApolloServer({
      logger: silent,
      gateway: new ApolloGateway({
        logger: silent,
        supergraphSdl: composed.supergraphSdl!,
        // The caller's credentials go on to the hub: it authorises, masks and audits the gateway's requests.
        buildService: ({ url }) =>
          new RemoteGraphQLDataSource({
            url,
            willSendRequest({ request, context }) {
              const ctx = context as { authorization?: string; apiKey?: string };
              if (ctx.authorization) request.http!.headers.set('authorization', ctx.authorization);
              if (ctx.apiKey) request.http!.headers.set('x-api-key', ctx.apiKey);
            },
          }),
      }),
    });
    ({ url: gatewayUrl } = await startStandaloneServer(gateway, {
      listen: { host: '127.0.0.1', port: 0 },
      context: async ({ req }) => ({
        authorization: req.headers.authorization,
        apiKey: req.headers['x-api-key'] as string | undefined,
      }),
    }));
  });

  afterAll(async () => {
    await gateway?.stop();
    await desks?.stop();
    await hub?.dispose();
  });

  async function viaGateway<T>(
    query: string,
    as: As,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authHeaders(as)) },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as never;
  }

  type Person = { id: string; name: string; phone: string | null; desk: string };
  const company = () => new Map(testCompany().employees.map((e) => [e.id, e]));

  test('a query starting in the second subgraph gets the hub fields through _entities: the right people, phones unmasked for the executive', async () => {
    const res = await viaGateway<{ onFloor: Person[] }>('{ onFloor { id name phone desk } }', EXECUTIVE);
    expect(res.errors).toBeUndefined();
    const people = company();
    expect(res.data!.onFloor).toEqual(
      ON_FLOOR.map((id) => ({ id, name: people.get(id)!.name, phone: people.get(id)!.mobile, desk: desk(id) })),
    );
  });

  test('a query starting in the hub is extended by the second subgraph', async () => {
    const res = await viaGateway<{ employee: Person }>(
      `{ employee(id: "${ON_FLOOR[2]}") { id name desk } }`,
      EXECUTIVE,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.employee).toEqual({
      id: ON_FLOOR[2],
      name: company().get(ON_FLOOR[2]!)!.name,
      desk: desk(ON_FLOOR[2]!),
    });
  });

  test('a masked field stays masked through the gateway, exactly as on a direct query; the hub audits the request', async () => {
    const res = await viaGateway<{ onFloor: Person[] }>('{ onFloor { id phone desk } }', ANALYST);
    expect(res.errors).toBeUndefined();
    const people = company();
    const expected = ON_FLOOR.map((id) => applyMask('phone', people.get(id)!.mobile));
    expect(res.data!.onFloor.map((p) => p.phone)).toEqual(expected);
    expect(expected.every((p, i) => p !== people.get(ON_FLOOR[i]!)!.mobile)).toBe(true);
    const direct = await hub.query<{ employee: { phone: string } }>(
      `{ employee(id: "${ON_FLOOR[0]}") { phone } }`,
      {},
      ANALYST,
    );
    expect(direct.data!.employee.phone).toBe(expected[0]);

    const audit = await hub.query<{ auditLog: { records: Array<{ fieldsRequested: string[]; outcome: string }> } }>(
      `{ auditLog(principal: "${ANALYST}", first: 5) { records { fieldsRequested outcome } } }`,
      {},
      AUDITOR,
    );
    expect(audit.errors).toBeUndefined();
    expect(audit.data!.auditLog.records.some((r) => r.fieldsRequested.includes('Query._entities'))).toBe(true);
  });
});
