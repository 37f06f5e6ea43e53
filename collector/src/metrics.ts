// Prometheus metrics (prom-client), one registry per collector so tests can run many.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { BatchResponse } from 'homing/protocol';

export interface IngestMetrics {
  registry: Registry;
  rateLimited: Counter;
  observe(result: BatchResponse, seconds: number): void;
}

export function createMetrics(): IngestMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const events = new Counter({
    name: 'homing_ingest_events_total',
    help: 'Events received by outcome (accepted, duplicate, rejected)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const rateLimited = new Counter({ name: 'homing_ingest_rate_limited_total', help: 'Batches answered 429', registers: [registry] });
  const duration = new Histogram({
    name: 'homing_ingest_duration_seconds',
    help: 'Time to validate and store one batch',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  return {
    registry,
    rateLimited,
    observe(result, seconds) {
      events.inc({ outcome: 'accepted' }, result.accepted);
      events.inc({ outcome: 'duplicate' }, result.duplicates);
      events.inc({ outcome: 'rejected' }, result.rejected.length);
      duration.observe(seconds);
    },
  };
}
