import { clear, el, message } from '../dom';
import { renderTable, type TableSpec } from '../table';
import type { Session } from '../session';

interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}
interface Field {
  name: string;
  args: Array<{ name: string; type: TypeRef }>;
  type: TypeRef;
}

const TYPE = 'type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
const SHAPE = `{ __schema { queryType { fields { name args { name ${TYPE} } ${TYPE} } } } }`;

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const isList = (t: TypeRef): boolean => t.kind === 'LIST' || (t.kind === 'NON_NULL' && !!t.ofType && isList(t.ofType));
const required = (f: Field) => f.args.some((a) => a.type.kind === 'NON_NULL');

/**
 * The model's entity lists (read from the schema, so any model works): pick one, see its rows as the policy
 * lets you — masked values as masked, rows outside your scope absent, and denied fields left out, named.
 */
export async function listsScreen(session: Session, main: HTMLElement): Promise<void> {
  const shape = await session.api.run<{ __schema: { queryType: { fields: Field[] } } }>(SHAPE);
  if (!shape.data)
    return clear(main, message('This hub does not describe its schema (introspection is off): no lists.', 'note'));
  const lists = shape.data.__schema.queryType.fields.filter(
    (f) => isList(f.type) && named(f.type).kind === 'OBJECT' && f.args.some((a) => a.name === 'limit') && !required(f),
  );
  if (!lists.length) return clear(main, message('No entity lists in this model.'));
  const pick = el(
    'select',
    { id: 'list-pick' },
    ...lists.map((f) => el('option', { value: f.name }, `${f.name} (${named(f.type).name})`)),
  );
  const fromUrl = new URLSearchParams(location.search).get('list');
  pick.value = lists.some((f) => f.name === fromUrl) ? fromUrl! : lists[0]!.name;
  const body = el('div', { id: 'list-body' });
  const show = async () => {
    const field = lists.find((f) => f.name === pick.value)!;
    const typeName = named(field.type).name!;
    const type = await session.api.data<{ __type: { fields: Field[] } }>(
      `query T($name: String!) { __type(name: $name) { fields { name args { name ${TYPE} } ${TYPE} } } }`,
      { name: typeName },
    );
    const scalars = type.__type.fields
      .filter((f) => ['SCALAR', 'ENUM'].includes(named(f.type).kind) && !isList(f.type) && !required(f))
      .map((f) => f.name);
    const probe = `query List($limit: Int) { ${field.name}(limit: $limit) { ${scalars.join(' ')} } }`;
    const result = await session.api.run(probe, { limit: 50 });
    // Fields the policy denies this viewer answer FORBIDDEN (per row, or once for the rows): leave the
    // column out and say so. The field is the last name in the error's path under the list.
    const denied = new Set(
      (result.errors ?? [])
        .filter((e) => e.extensions?.code === 'FORBIDDEN' && e.path?.[0] === field.name)
        .map((e) => [...e.path!].reverse().find((step) => typeof step === 'string' && step !== field.name))
        .filter((name): name is string => typeof name === 'string' && scalars.includes(name)),
    );
    const shown = scalars.filter((s) => !denied.has(s));
    const query = `query List($limit: Int) { ${field.name}(limit: $limit) { ${shown.join(' ')} } }`;
    const spec: TableSpec = {
      title: `${typeName} list`,
      query,
      variables: { limit: 50 },
      rows: field.name,
      columns: shown.map((s) => ({ header: s, path: s })),
    };
    const data = shown.length === scalars.length ? result : await session.api.run(query, { limit: 50 });
    body.dataset.list = field.name;
    clear(
      body,
      ...(denied.size
        ? [
            el(
              'p',
              { class: 'denied', id: 'denied-fields' },
              `Not permitted for you: ${[...denied]
                .sort()
                .map((d) => `${typeName}.${d}`)
                .join(', ')}`,
            ),
          ]
        : []),
      renderTable(session.api, spec, data.data, { id: 'list', canExport: session.canExport }),
    );
  };
  pick.addEventListener('change', () => void show().catch((e: Error) => clear(body, message(e.message, 'error'))));
  clear(main, el('div', { class: 'toolbar' }, pick, el('span', { class: 'note' }, ' first 50 rows')), body);
  await show();
}
