import { checkModelDirectory } from '../../src/company/check-directory';
import { CHINOOK_MODEL_DIR } from '../support/chinook-hub';
import { serverUrl } from '../support/engines';

/**
 * model:check on a wrong password (issue 23): the driver's reason, the user and the source — never the secret,
 * on both engines (MariaDB for sales, PostgreSQL for the catalogue).
 */
test('a wrong password: "authentication failed for user X on source Y", the password nowhere', async () => {
  const secret = 'not-the-password-5f3a';
  const wrong = (engine: 'postgres' | 'mysql') => {
    const url = new URL(serverUrl(engine));
    url.password = secret;
    return url.toString();
  };
  const right = serverUrl('postgres');
  const { problems } = await checkModelDirectory(CHINOOK_MODEL_DIR, {
    CHINOOK_SALES_URL: wrong('mysql'),
    CHINOOK_CATALOGUE_URL: wrong('postgres'),
    CHINOOK_HR_URL: right,
  });
  const user = (engine: 'postgres' | 'mysql') => new URL(serverUrl(engine)).username;
  expect(problems).toEqual(
    expect.arrayContaining([
      expect.stringMatching(
        new RegExp(
          `sources/sales\\.yaml: connection: authentication failed for user "${user('mysql')}" on source "sales"`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `sources/catalogue\\.yaml: connection: authentication failed for user "${user('postgres')}" on source "catalogue"`,
        ),
      ),
    ]),
  );
  expect(problems.join('\n')).not.toContain(secret);
});
