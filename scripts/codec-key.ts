/**
 * `npm run codec:key -- <id>`: a new AES-256 key for the codec keyring, as a keyring entry to
 * add to the file (then make its id `encrypting` to rotate: docs/privacy.md).
 */
import { randomBytes } from 'node:crypto';
import { KEY_ID } from '../lib/codec/keyring';

const id = process.argv[2];
if (!id || !KEY_ID.test(id)) {
  console.error('usage: npm run codec:key -- <id>   (1 to 64 letters, digits, dot, dash or underscore; e.g. 2027-01)');
  process.exit(2);
}
console.log(JSON.stringify({ id, key: randomBytes(32).toString('base64') }, null, 2));
