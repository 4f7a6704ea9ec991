// PostGraphile v4 smart tags for the CRM source, the PostGraphile way of declaring a relation the database does
// not (the demo tables have indexes but no foreign keys): contact.account_id → account.account_id gives
// Account.contactsByAccountIdList, fetched by PostGraphile in the same SQL statement as the accounts.
'use strict';
const { makeJSONPgSmartTagsPlugin } = require('graphile-utils');

const schema = process.env.MESH_CRM_SCHEMA || 'crm';
module.exports = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: {
    class: {
      [`${schema}.contact`]: { tags: { foreignKey: `(account_id) references ${schema}.account (account_id)` } },
    },
  },
});
