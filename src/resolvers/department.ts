import type { DepartmentResolvers } from '../generated/graphql';
import { departmentIndicators } from './indicators';

/**
 * The hand-written part of the department type: indicator values per department. Its fields, relations
 * and figures come from the model (src/resolvers/entities.ts); the schema generator replaces this next.
 */
export const Department: Pick<DepartmentResolvers, 'indicators'> = {
  indicators: departmentIndicators,
};
