export type { ExposureWindow, ScanInstance, Sighting } from './types.ts';
