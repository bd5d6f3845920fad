/** `node --import tsx test/helpers/open-database.ts <url>`: a process that opens the product database (migrating it) and closes it. */
import { openDatabase } from '../../lib/db';

void openDatabase(process.argv[2]).then((db) => db.close());
