import { Counter, Gauge, type Registry } from "prom-client";

/** One value of a gauge, with a value for each of its labels. */
export interface Sample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A gauge whose every value is read when /metrics is scraped: the state of queues, outboxes, circuits, modules. */
export interface ScrapedGauge {
  readonly name: string;
  readonly help: string;
  readonly labels: readonly string[];
  read(): Promise<readonly Sample[]> | readonly Sample[];
}

/**
 * What registers gauges read at scrape time on a registry. A read that fails (Redis away, a database closing)
 * leaves its gauge without values for that scrape and counts in `twofold_metric_read_failures_total`, instead
 * of failing the whole scrape: the rest is what an operator needs most when something is down.
 */
export function scrapedGauges(registry: Registry): (gauges: readonly ScrapedGauge[]) => void {
  const failures = new Counter({
    name: "twofold_metric_read_failures_total",
    help: "Scrapes at which a gauge could not be read, by gauge",
    labelNames: ["metric"],
    registers: [registry],
  });
  return (gauges) => {
    for (const scraped of gauges) register(registry, scraped, failures);
  };
}

function register(registry: Registry, scraped: ScrapedGauge, failures: Counter): void {
  new Gauge({
    name: scraped.name,
    help: scraped.help,
    labelNames: scraped.labels,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const sample of await scraped.read()) this.set(sample.labels, sample.value);
      } catch {
        failures.inc({ metric: scraped.name });
      }
    },
  });
}
