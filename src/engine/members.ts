/**
 * A member of a grouping by several dimension paths is one value per path; inside the engine it travels
 * as one string (the per-path values joined by a separator no id or attribute value holds), so values,
 * caches and disclosure checks keep their one-key shape. Ungrouped tables have the single member TOTAL ("").
 */
const SEPARATOR = '\u001f';

export const joinMember = (parts: readonly string[]): string => parts.join(SEPARATOR);

export const splitMember = (member: string): string[] => member.split(SEPARATOR);

/** The member a path gives when its value is empty: a null attribute, or a fact row whose dimension key is
 *  null (a reference to nobody: the general manager's manager). It is a member of its own, so a grouped
 *  answer adds up to the ungrouped one. */
export const NONE = '(none)';
