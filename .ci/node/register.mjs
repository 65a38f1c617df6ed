// Loaded with `node --import` on Node 22/24: better-sqlite3's native module in the repo is built for the
// repo's Node, so its imports are pointed at a copy built for the running Node (NENNER_BETTER_SQLITE3_DIR).
import { register } from 'node:module';

const dir = process.env.NENNER_BETTER_SQLITE3_DIR;
if (dir) register('./hooks.mjs', import.meta.url, { data: { dir } });
