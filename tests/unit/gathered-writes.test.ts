import type { Request, Response } from "express";
import { describe, expect, it } from "vitest";
import { GATHER_AT_MOST, gatherWritesPerTurn } from "~/lib/gathered-writes.mjs";

/** A response as `compression` leaves it, recording what reaches its write, flush and end. */
function recordingResponse() {
  const calls: string[] = [];
  const response = {
    writableEnded: false,
    write(chunk: Uint8Array | string, _encoding?: unknown, callback?: () => void) {
      calls.push(`write ${chunk.length}${callback ? " with callback" : ""}`);
      callback?.();
      return true;
    },
    flush() {
      calls.push("flush");
    },
    end(chunk?: string) {
      response.writableEnded = true;
      calls.push(`end${chunk ? ` ${chunk.length}` : ""}`);
      return response;
    },
  };
  let nextCalled = false;
  gatherWritesPerTurn({} as Request, response as unknown as Response, () => (nextCalled = true));
  expect(nextCalled).toBe(true);
  return { response, calls };
}

const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("gatherWritesPerTurn", () => {
  it("hands on the writes of one turn as one, then flushes once", async () => {
    const { response, calls } = recordingResponse();
    response.write(new Uint8Array(2048));
    response.flush();
    response.write("abc");
    response.flush();
    expect(calls).toEqual([]);
    await endOfTurn();
    expect(calls).toEqual(["write 2051", "flush"]);
    // A part written in a later turn (a streamed one) leaves in its own turn.
    response.write("later");
    response.flush();
    await endOfTurn();
    expect(calls).toEqual(["write 2051", "flush", "write 5", "flush"]);
  });

  it("hands on what it gathered before the end, and nothing after it", async () => {
    const { response, calls } = recordingResponse();
    response.write("page");
    response.flush();
    response.end("!");
    expect(calls).toEqual(["write 4", "end 1"]);
    await endOfTurn();
    expect(calls).toEqual(["write 4", "end 1"]);
  });

  it("keeps at most GATHER_AT_MOST bytes, and lets a write that waits for its callback through", () => {
    const { response, calls } = recordingResponse();
    response.write(Buffer.alloc(GATHER_AT_MOST - 1));
    expect(calls).toEqual([]);
    response.write("x");
    expect(calls).toEqual([`write ${GATHER_AT_MOST}`]);
    response.write("ab");
    response.write("cd", undefined, () => {});
    expect(calls).toEqual([`write ${GATHER_AT_MOST}`, "write 2", "write 2 with callback"]);
  });
});
