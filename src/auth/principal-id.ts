/** Is `id` a well-formed hub id of a people entity whose key has this type? (true = a problem) */
export function principalIdProblem(type: 'string' | 'int', id: string): boolean {
  return (
    id.length === 0 ||
    id.length > 200 ||
    [...id].some((ch) => ch.charCodeAt(0) < 32) ||
    id.startsWith('apikey:') ||
    (type === 'int' && !/^-?\d+$/.test(id))
  );
}
