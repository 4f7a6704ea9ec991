import type { CompanyModel, EntityModel } from '../../../src/model/entities';
import { dimensionPaths } from '../../../src/model/dimension-paths';

/** The IndicatorDimension enum's values from a small model: paths, spelling, depth and refused collisions. */
const entity = (name: string, fields: EntityModel['fields']): EntityModel => ({
  name,
  conformed: false,
  home: 'shop',
  key: { type: 'int' },
  fields,
  fieldDescriptions: {},
  relations: {},
  figures: {},
});

const ENTITIES = {
  Line: entity('Line', { name: 'string', item: { ref: 'Item' }, qty: 'int' }),
  Item: entity('Item', { name: 'string', maker: { ref: 'Maker' }, colour: 'string' }),
  Maker: entity('Maker', { name: 'string', country: 'string', parent: { ref: 'Maker' } }),
};

const modelWith = (
  dimensions: Record<string, string>,
): Pick<CompanyModel, 'dir' | 'dimensions' | 'entities' | 'sources'> => ({
  dir: 'models/toy',
  dimensions,
  entities: ENTITIES,
  sources: {
    shop: {
      name: 'shop',
      description: '',
      file: 'models/toy/sources/shop.yaml',
      connection: {},
      mapping: {
        entities: {},
        facts: {
          sales: {
            table: 't',
            dimensions: Object.fromEntries(Object.keys(dimensions).map((d) => [d, { column: d }])),
            measures: {},
          },
        },
      } as never,
    },
  },
});

test('every dimension, attribute and reference path up to three hops, "." spelled "_"', () => {
  const values = dimensionPaths(modelWith({ item: 'Item' })).map((p) => `${p.value}=${p.path}`);
  expect(values).toEqual([
    'item=item',
    'item_maker=item.maker',
    'item_maker_country=item.maker.country',
    'item_maker_parent=item.maker.parent',
    'item_maker_parent_country=item.maker.parent.country',
    'item_maker_parent_parent=item.maker.parent.parent',
    'item_colour=item.colour',
  ]);
});

test.each<{ name: string; dimensions: Record<string, string>; message: RegExp }>([
  {
    name: 'a dimension spelled like another path',
    dimensions: { item: 'Item', item_maker: 'Maker' },
    message:
      /grouping paths item\.maker \(declared in models\/toy\/sources\/shop\.yaml\) and item_maker .* both spell IndicatorDimension\.item_maker/,
  },
  {
    name: 'a name GraphQL cannot carry',
    dimensions: { 'item-x': 'Item' },
    message: /models\/toy: the grouping path item-x .* cannot be a GraphQL enum value/,
  },
])('refused at start: $name', ({ dimensions, message }) => {
  expect(() => dimensionPaths(modelWith(dimensions))).toThrow(message);
});
