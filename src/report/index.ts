// The report stage's public surface: the pipeline fills ReportData and calls writeReport.
export type * from './data.js';
export type * from './figures/types.js';
export type { FigureInput, FigureKind } from './figures/figure.js';
export type { QuestionRatioData } from './figures/question-ratio.js';
export type { GroupBarsData } from './figures/group-bars.js';
export type { StackedBar, StackedCategoriesData } from './figures/stacked-categories.js';
export type { FormContentData, ScatterPoint } from './figures/form-content.js';
export type { SweepX, ValueSweepData } from './figures/value-sweep.js';
export type { TriggerPairsData } from './figures/trigger-pairs.js';
export type { SpeakerBarsData } from './figures/speaker-bars.js';
export type { CurveSeries, TrainingCurvesData } from './figures/training-curves.js';
export { buildFigure } from './figures/figure.js';
export { renderFigure, type RenderedFigure, type RenderOptions } from './figures/render.js';
export { escapeHtml } from './escape.js';
export { renderReportHtml, type ReportFigure } from './html.js';
export { buildReport, writeReport, type BuiltReport, type WrittenReport } from './write.js';
export { cellLabel, estimateOf, metricName, SAMPLES_PER_CELL, sampleCells, summaryRows, verdictsOf, type SampleOptions } from './from-analysis.js';
export { ReportError } from './errors.js';
