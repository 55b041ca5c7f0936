import { createInterface } from 'node:readline';
import { AppDidLog, type LogLine } from '@paas/protocol';
import { conflict, notFound } from '../../errors';
import { newId } from '../../ids';
import type { ClientConnection } from '../../transport/connection';
import { asRpc } from '../adapterErrors';
import type { AppDeps } from './deps';
import { OdooLogParser } from './odooLog';

/** Lines are sent in batches: at most this many, or what arrived within {@link BATCH_MS}. */
const BATCH_LINES = 200;
const BATCH_MS = 100;

interface Stream {
  connection: ClientConnection;
  controller: AbortController;
}

/**
 * `apps/logs`: a container's log sent as parsed `apps/didLog` batches to the connection that asked, until
 * `apps/logsStop`, the end of the log (not following, container removed) or the connection closing.
 */
export class LogStreams {
  private readonly streams = new Map<string, Stream>();

  constructor(private readonly deps: AppDeps) {}

  async open(connection: ClientConnection, appId: string, tail: number, follow: boolean): Promise<string> {
    const app = this.deps.apps.get(appId);
    if (!app.containerName) throw conflict(`app ${app.name} has no container yet`);
    const streamId = newId();
    const controller = new AbortController();
    const input = await asRpc(() =>
      this.deps.docker.logs(app.containerName!, { tail, follow }, controller.signal),
    );
    this.streams.set(streamId, { connection, controller });
    const unregister = connection.onClose(() => controller.abort());
    void this.pump(streamId, connection, input).finally(() => {
      unregister();
      this.streams.delete(streamId);
    });
    return streamId;
  }

  /** Ends a stream of this connection; `false` when it had already ended. */
  stop(connection: ClientConnection, streamId: string): boolean {
    const stream = this.streams.get(streamId);
    if (!stream) return false;
    if (stream.connection !== connection) throw notFound('log stream', streamId);
    stream.controller.abort();
    return true;
  }

  closeAll(): void {
    for (const stream of this.streams.values()) stream.controller.abort();
  }

  private async pump(
    streamId: string,
    connection: ClientConnection,
    input: NodeJS.ReadableStream,
  ): Promise<void> {
    const parser = new OdooLogParser();
    let batch: LogLine[] = [];
    let timer: NodeJS.Timeout | undefined;
    const send = (ended: boolean): void => {
      clearTimeout(timer);
      timer = undefined;
      if (batch.length === 0 && !ended) return;
      connection.notify(AppDidLog, { streamId, lines: batch, ended });
      batch = [];
    };
    try {
      for await (const line of createInterface({ input, crlfDelay: Infinity })) {
        batch.push(...parser.push(line));
        if (batch.length >= BATCH_LINES) send(false);
        // A record is complete only when the next starts: flush the held one when the log pauses.
        clearTimeout(timer);
        timer = setTimeout(() => {
          batch.push(...parser.flush());
          send(false);
        }, BATCH_MS);
      }
    } catch (error) {
      this.deps.log.debug({ err: error, stream: streamId }, 'log stream ended with an error');
    } finally {
      batch.push(...parser.flush());
      send(true);
    }
  }
}
