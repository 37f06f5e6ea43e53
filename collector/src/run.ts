// Runs a collector as a process: listens, and on SIGTERM/SIGINT stops accepting connections,
// lets in-flight requests finish (Fastify's close waits for them), then closes the store.
import type { FastifyInstance } from 'fastify';

export function closeOnSignals(app: FastifyInstance, { timeoutMs = 10_000, onClosed }: { timeoutMs?: number; onClosed?: () => void } = {}): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'draining in-flight requests');
    // A request that never ends must not keep the process up forever.
    const timer = setTimeout(() => process.exit(1), timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        onClosed?.();
        process.exit(0);
      },
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
