// Fills a deterministic demo portal: `npm run db:seed-demo` (add `-- --reset` to start over).
// Everyone's password is DEMO_PASSWORD below.
import fs from "node:fs";
import path from "node:path";

const databasePath = path.resolve(process.env.DATABASE_PATH ?? "data/tertulia.db");
if (process.argv.includes("--reset")) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
}

const { seedDemo, DEMO_PASSWORD } = await import("./seed/demo");
const { getSite } = await import("~/domain/site.server");

if (await getSite()) {
  console.error(`${databasePath} already holds a portal. Run \`npm run db:seed-demo -- --reset\` to replace it with the demo.`);
  process.exit(1);
}

const summary = await seedDemo();
console.log(`Demo portal seeded in ${databasePath}:`);
for (const [what, count] of Object.entries(summary)) console.log(`  ${what}: ${count}`);
console.log(`Log in as admin@demo.example, staff1@demo.example or customer1@demo.example with the password "${DEMO_PASSWORD}".`);
