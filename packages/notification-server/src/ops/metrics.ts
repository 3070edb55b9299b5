/**
 * Prometheus metrics, one registry per app so several servers can live in one process (tests,
 * the simulator). Labels carry outcomes and regions only, never anything about a client.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The server's metrics and the registry that exposes them. */
export interface ServerMetrics {
  registry: Registry;
  submissions: Counter<'outcome'>;
  keysStored: Counter<'region'>;
  exportFiles: Counter<'region'>;
  exportFileBytes: Histogram<'region'>;
  retentionDeleted: Counter<'kind'>;
}

/** Creates a fresh registry with the server's metrics. */
export function createMetrics(options: { defaultMetrics?: boolean } = {}): ServerMetrics {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });

  return {
    registry,
    submissions: new Counter({
      name: 'ns_submissions_total',
      help: 'Diagnosis submissions by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    keysStored: new Counter({
      name: 'ns_keys_stored_total',
      help: 'Daily keys stored from submissions',
      labelNames: ['region'],
      registers: [registry],
    }),
    exportFiles: new Counter({
      name: 'ns_export_files_total',
      help: 'Export files published',
      labelNames: ['region'],
      registers: [registry],
    }),
    exportFileBytes: new Histogram({
      name: 'ns_export_file_bytes',
      help: 'Size of published export files',
      labelNames: ['region'],
      buckets: [1e3, 1e4, 1e5, 1e6, 1e7, 1e8],
      registers: [registry],
    }),
    retentionDeleted: new Counter({
      name: 'ns_retention_deleted_total',
      help: 'Rows and files removed by the retention job',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
}
