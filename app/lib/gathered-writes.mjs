// Remix writes a response in many small chunks (React's of ~2 KB, turbo-stream's of a few
// bytes) and flushes after each one, for pages that stream. Behind the `compression`
// middleware every write is a separate job for zlib on libuv's thread pool and every flush
// closes a compressed block: the list page cost ~3.5 ms of CPU to compress (its whole HTML at
// once: ~0.5 ms), and before the flushes were merged it went out at twice its size. So the
// writes of one turn of the event loop are gathered into one, then flushed once (decision
// 0009): what is rendered together is compressed together, and a part streamed later still
// leaves at once. Plain JavaScript: server.mjs imports it before any build exists.

/** Past this many bytes gathered, they are handed on at once: a long download is not held in memory. */
export const GATHER_AT_MOST = 64 * 1024;

/**
 * Express middleware, mounted after `compression` and before the responses it should gather
 * (Remix's): wraps the response's write, end and flush.
 * @param {import("express").Request} _request
 * @param {import("express").Response} response
 * @param {() => void} next
 */
export function gatherWritesPerTurn(_request, response, next) {
  /** @type {(...args: unknown[]) => boolean} */
  const write = /** @type {any} */ (response.write);
  const end = response.end;
  /** @type {(() => void) | undefined} */
  const flush = /** @type {any} */ (response).flush;
  /** @type {Buffer[]} */
  let gathered = [];
  let gatheredBytes = 0;
  let flushWanted = false;
  let scheduled = false;

  const handOn = () => {
    if (gathered.length === 0) return;
    const chunk = gathered.length === 1 ? gathered[0] : Buffer.concat(gathered, gatheredBytes);
    gathered = [];
    gatheredBytes = 0;
    write.call(response, chunk);
  };
  const atEndOfTurn = () => {
    scheduled = false;
    if (response.writableEnded) return;
    handOn();
    if (flushWanted && flush) flush.call(response);
    flushWanted = false;
  };

  /** @type {any} */
  const gather = (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) => {
    if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
    // A caller waiting to hear that its chunk went (a piped file) gets the plain write.
    if (callback) {
      handOn();
      return write.call(response, chunk, encoding, callback);
    }
    const buffer = typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    gathered.push(buffer);
    gatheredBytes += buffer.length;
    if (gatheredBytes >= GATHER_AT_MOST) handOn();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(atEndOfTurn);
    }
    return true;
  };
  response.write = gather;

  /** @type {any} */
  const finish = (/** @type {any[]} */ ...args) => {
    handOn();
    return end.apply(response, /** @type {any} */ (args));
  };
  response.end = finish;

  if (flush) {
    response.flush = () => {
      flushWanted = true;
      if (!scheduled) {
        scheduled = true;
        setImmediate(atEndOfTurn);
      }
    };
  }
  next();
}
