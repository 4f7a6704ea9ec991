import { resolveGroupPath } from '../../src/engine/group-path';
import type { CompanyModel, EntityModel, FieldType } from '../../src/model/entities';

/** Grouping paths through references, on a small model that is not the demo's. */
const entity = (name: string, fields: Record<string, FieldType>): EntityModel => ({
  name,
  conformed: false,
  home: 'catalogue',
  key: { type: 'int' },
  fields,
  fieldDescriptions: {},
  relations: {},
  figures: {},
});
const model = {
  dir: 'x',
  sources: {},
  dimensions: { track: 'Track' },
  entities: {
    Track: entity('Track', { name: 'string', album: { ref: 'Album' }, genre: { ref: 'Genre' }, bytes: 'int' }),
    Album: entity('Album', { name: 'string', artist: { ref: 'Artist' } }),
    Artist: entity('Artist', { name: 'string', country: 'string' }),
    Genre: entity('Genre', { name: 'string' }),
  },
} as unknown as CompanyModel;

test.each([
  { path: 'bytes', hops: ['Track.bytes'], target: null },
  { path: 'genre', hops: ['Track.genre'], target: 'Genre' },
  { path: 'album.artist', hops: ['Track.album', 'Album.artist'], target: 'Artist' },
  { path: 'album.artist.country', hops: ['Track.album', 'Album.artist', 'Artist.country'], target: null },
])('track.$path groups by $target', ({ path, hops, target }) => {
  const resolved = resolveGroupPath(model, 'Track', path.split('.'));
  expect(resolved).toEqual({ hops: hops.map((h) => ({ entity: h.split('.')[0], field: h.split('.')[1] })), target });
});

test.each([
  { path: 'name', problem: 'unknown attribute "name" of Track (known: album, genre, bytes)' },
  { path: 'genre.name', problem: 'unknown attribute "name" of Genre (known: none)' },
  { path: 'bytes.size', problem: '"bytes" is not a reference: nothing follows it' },
  { path: 'album.label', problem: 'unknown attribute "label" of Album (known: artist)' },
  { path: 'composer.name', problem: 'unknown attribute "composer" of Track (known: album, genre)' },
])('track.$path is refused', ({ path, problem }) => {
  expect(resolveGroupPath(model, 'Track', path.split('.'))).toEqual({ problem });
});
