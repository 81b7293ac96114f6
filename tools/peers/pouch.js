// PouchDB's side of `cargo xtask bench peers` (server/examples/peers.rs runs
// it): the documents of a JSON file go into a fresh local PouchDB (not
// timed), are replicated to a pouchdb-server database (timed: push), then a
// second fresh local PouchDB replicates them back (timed: pull). PouchDB's
// defaults, as a new user would run it. Prints one JSON line.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const PouchDB = require('pouchdb-node');

const ms = (since) => Number(process.hrtime.bigint() - since) / 1e6;

async function main() {
  const [docsFile, remoteUrl] = process.argv.slice(2);
  if (!docsFile || !remoteUrl) throw new Error('usage: pouch.js DOCS.json REMOTE_DB_URL');
  const docs = JSON.parse(fs.readFileSync(docsFile, 'utf8'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dvk-pouch-'));
  try {
    const source = new PouchDB(path.join(dir, 'source'));
    for (let i = 0; i < docs.length; i += 1000) {
      await source.bulkDocs(docs.slice(i, i + 1000));
    }
    const remote = new PouchDB(remoteUrl);
    let t = process.hrtime.bigint();
    const push = await source.replicate.to(remote);
    const pushMs = ms(t);
    const fresh = new PouchDB(path.join(dir, 'fresh'));
    t = process.hrtime.bigint();
    const pull = await fresh.replicate.from(remote);
    const pullMs = ms(t);
    await source.close();
    await fresh.close();
    console.log(JSON.stringify({
      push_ms: pushMs,
      pull_ms: pullMs,
      pushed: push.docs_written,
      pulled: pull.docs_written,
    }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
