// `warden` from the TypeScript sources (run with `node --import tsx`), for
// suites that start real processes without needing `npm run build` first.
import { main } from '../../src/cli/main.js';

await main(process.argv);
