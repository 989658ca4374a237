import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { buildDataset, checkDataset } from "../../bench/dataset";

// The benchmark's data set at a small size: `npm run bench` builds it at 100,000 ideas.
const SMALL = { people: 300, staff: 3, ideas: 1_500, votes: 8_000, comments: 4_000 };
const NOW = Date.UTC(2026, 5, 1);
const directory = fs.mkdtempSync(path.join(os.tmpdir(), "tertulia-dataset-"));
afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

function build(name: string, seed = 7) {
  const file = path.join(directory, name);
  buildDataset(file, { size: SMALL, seed, now: NOW, analyze: false });
  return new Database(file);
}

const countOf = (sqlite: Database.Database, table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const digest = (sqlite: Database.Database) =>
  ["ideas", "votes", "comments", "follows", "notifications", "idea_events"].map((table) => sqlite.prepare(`select * from ${table} order by rowid`).all());

describe("the benchmark data set", () => {
  const sqlite = build("a.db");

  it("holds the asked numbers of ideas, votes and comments", () => {
    expect(countOf(sqlite, "ideas")).toBe(SMALL.ideas);
    expect(countOf(sqlite, "votes")).toBe(SMALL.votes);
    expect(countOf(sqlite, "comments")).toBe(SMALL.comments);
    expect(countOf(sqlite, "users")).toBe(SMALL.people + SMALL.staff + 1);
    expect(countOf(sqlite, "challenges")).toBe(4);
  });

  it("keeps every count, score and first response in the idea rows as the app would", () => {
    expect(checkDataset(sqlite)).toEqual([]);
  });

  it("is the same for the same seed, and different for another", () => {
    const again = build("b.db");
    const other = build("c.db", 8);
    expect(digest(again)).toEqual(digest(sqlite));
    expect(digest(other)).not.toEqual(digest(sqlite));
  });

  it("notices a count that is off", () => {
    const broken = build("d.db");
    broken.prepare("update ideas set vote_count = vote_count + 1 where id = 10").run();
    broken.prepare("update ideas set comment_count = comment_count + 1, first_response_at = null where id = 20").run();
    const problems = checkDataset(broken);
    expect(problems.some((problem) => problem.startsWith("ideas whose vote_count"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("ideas whose trending_score"))).toBe(true);
    expect(problems.some((problem) => problem.startsWith("ideas whose comment_count"))).toBe(true);
  });
});
