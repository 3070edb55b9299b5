/** A running service of the local system, as the stack sees it. */
export interface RunningService {
  /** Human name printed in the banner, e.g. `health-center console`. */
  name: string;
  /** Base URL people open. */
  url: string;
  /** URL that answers 200 while the service is healthy. */
  healthUrl: string;
  /** Stops accepting requests, finishes running ones and releases storage. */
  close(): Promise<void>;
}
