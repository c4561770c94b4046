/** The services `playpulse up` runs, each as its own process (`node --import tsx services/<name>/main.ts`). */
export interface ServiceEntry {
  name: string;
  entry: string;
  portVariable: string;
  defaultPort: number;
  /** Path of the human-facing page, if any. */
  page?: string;
}

export const SERVICES: readonly ServiceEntry[] = [
  { name: 'collector', entry: 'services/collector/main.ts', portVariable: 'COLLECTOR_PORT', defaultPort: 8080, page: '/openapi.json' },
  { name: 'signals', entry: 'services/signals/main.ts', portVariable: 'SIGNALS_PORT', defaultPort: 9106 },
  { name: 'tailer', entry: 'services/tailer/main.ts', portVariable: 'TAILER_PORT', defaultPort: 9101 },
  { name: 'playback', entry: 'services/playback/main.ts', portVariable: 'PLAYBACK_PORT', defaultPort: 9102 },
  { name: 'ads', entry: 'services/ads/main.ts', portVariable: 'ADS_PORT', defaultPort: 9103 },
  { name: 'listening', entry: 'services/listening/main.ts', portVariable: 'LISTENING_PORT', defaultPort: 9104 },
  { name: 'exporter', entry: 'services/exporter/main.ts', portVariable: 'EXPORTER_PORT', defaultPort: 9105 },
  { name: 'dashboard', entry: 'services/dashboard/main.ts', portVariable: 'DASHBOARD_PORT', defaultPort: 8090, page: '/' },
];
