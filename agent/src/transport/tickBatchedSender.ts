import type { Writable } from 'node:stream';

/** What the sender needs of a `ws` WebSocket. */
export interface TextFrameSocket {
  send(text: string): void;
}

/**
 * Sends text frames so that every frame sent during one turn of the event loop reaches the socket in one
 * write. A client that pipelines requests gets their answers in one TLS write (one record, one syscall)
 * instead of one write per answer: the write was the largest cost of an answer (a third of the agent's CPU
 * in the ping benchmark, schema validation under a tenth). The wire is corked on the first frame of a turn
 * and uncorked by a `setImmediate` queued then: it runs in the same turn of the event loop, once the
 * reads of that turn and the promise jobs they started (where handlers answer) have run, so no frame
 * waits for further I/O or a timer. (`process.nextTick` would run before those promise jobs when the
 * first frame is sent synchronously.)
 */
export function tickBatchedSender(socket: TextFrameSocket, wire: Writable): (text: string) => void {
  let corked = false;
  const flush = (): void => {
    corked = false;
    wire.uncork();
  };
  return (text) => {
    if (!corked) {
      corked = true;
      wire.cork();
      setImmediate(flush);
    }
    socket.send(text);
  };
}
