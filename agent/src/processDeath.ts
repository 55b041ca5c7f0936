import type { Logger } from './log';

/**
 * Makes a dying agent say why, through its one logger: an exception or a rejected promise nobody handled
 * (a stream `error` event without a listener is one) is logged as `fatal` and ends the process with exit
 * code 1 for systemd to restart it; every exit logs its code. The logger writes synchronously
 * (`createLogger`), so the line is out before the process is. A V8 heap exhaustion cannot be caught in
 * JavaScript: V8 itself prints `FATAL ERROR … heap out of memory` on stderr (the journal has it).
 */
export function logProcessDeath(log: Logger, proc: NodeJS.Process = process): void {
  proc.on('uncaughtException', (error, origin) => {
    log.fatal({ err: error, origin }, 'agent dying: uncaught exception');
    proc.exit(1);
  });
  proc.on('unhandledRejection', (reason) => {
    log.fatal({ err: reason }, 'agent dying: unhandled promise rejection');
    proc.exit(1);
  });
  proc.on('exit', (code) => {
    if (code === 0) log.info({ code }, 'agent process exiting');
    else log.error({ code }, 'agent process exiting with an error');
  });
}
