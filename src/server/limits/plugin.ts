import type { ApolloServerPlugin } from '@apollo/server';
import type { HubContext } from '../../app/context';
import { checkVariables } from './strings';

/** Variables are checked once the operation is known and before it executes (a refusal runs no SQL). */
export function variablesPlugin(maxStringLength: number): ApolloServerPlugin<HubContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const error = checkVariables(request.variables, maxStringLength);
          if (error) throw error;
        },
      };
    },
  };
}
