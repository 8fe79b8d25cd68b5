import { analyzeRun } from './analysis.js';
import { reportDocument } from './content.js';
import type { Report, ReportInput } from './input.js';
import { replayNeedSeries } from './need-series.js';
import { renderHtml } from './render-html.js';
import { renderMarkdown } from './render-markdown.js';

/**
 * Builds an after-action report, as self-contained HTML and as Markdown, from a run result
 * and its trace. `run --report`, `report <trace>` and drills all come through here.
 * Deterministic: the same input gives byte-identical output (no timestamps).
 */
export function buildReport(input: ReportInput): Report {
  const view = analyzeRun(input.scenario, input.result, input.trace);
  const needs =
    input.needs !== undefined
      ? input.needs
      : replayNeedSeries({ scenario: input.scenario, seed: input.result.seed, horizonHours: input.result.horizonHours, metrics: input.result.metrics, trace: input.trace });
  const document = reportDocument(view, { trace: input.trace, needs, drill: input.drill, comparison: input.comparison });
  return { html: renderHtml(document), markdown: renderMarkdown(document) };
}
