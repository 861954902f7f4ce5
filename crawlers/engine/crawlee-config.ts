import { Configuration } from '@crawlee/http';

/**
 * crawlee's configuration for one crawl run, HTTP or browser. Nothing of crawlee's (queues,
 * sessions, statistics) outlives the run: the database remembers earlier nights. And crawlee's
 * once-a-second system sampling is off: on Linux it spawns `ps` to size this process and its
 * children (a fork of a process of several hundred MB, 10–25 ms of the event loop each time,
 * issue #3's bench) for autoscaling, which neither crawler uses: both run at fixed concurrency.
 */
export function runConfiguration(): Configuration {
  return new Configuration({ persistStorage: false, purgeOnStart: true, systemInfoIntervalMillis: 60 * 60_000 });
}
