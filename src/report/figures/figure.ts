// Every figure type by name: the pipeline hands plain data tagged with its kind and a file name.
import { formContentFigure, type FormContentData } from './form-content.js';
import { groupBarsFigure, type GroupBarsData } from './group-bars.js';
import { questionRatioFigure, type QuestionRatioData } from './question-ratio.js';
import { scoreHistogramFigure, type ScoreHistogramData } from './score-histogram.js';
import { speakerBarsFigure, type SpeakerBarsData } from './speaker-bars.js';
import { stackedCategoriesFigure, type StackedCategoriesData } from './stacked-categories.js';
import { trainingCurvesFigure, type TrainingCurvesData } from './training-curves.js';
import { triggerPairsFigure, type TriggerPairsData } from './trigger-pairs.js';
import type { BuiltFigure } from './types.js';
import { valueSweepFigure, type ValueSweepData } from './value-sweep.js';

interface Named {
  /** File name without extension, and the figure's id in the report: [a-z0-9][a-z0-9_-]*. */
  name: string;
}

export type FigureInput = Named &
  (
    | { kind: 'question-ratio'; data: QuestionRatioData }
    | { kind: 'group-bars'; data: GroupBarsData }
    | { kind: 'stacked-categories'; data: StackedCategoriesData }
    | { kind: 'form-content'; data: FormContentData }
    | { kind: 'value-sweep'; data: ValueSweepData }
    | { kind: 'trigger-pairs'; data: TriggerPairsData }
    | { kind: 'speaker-bars'; data: SpeakerBarsData }
    | { kind: 'training-curves'; data: TrainingCurvesData }
    | { kind: 'score-histogram'; data: ScoreHistogramData }
  );

export type FigureKind = FigureInput['kind'];

/** Builds a figure of any kind from its plain data: a Vega-Lite spec with its title, caption and the table of its numbers. */
export function buildFigure(input: FigureInput): BuiltFigure {
  switch (input.kind) {
    case 'question-ratio':
      return questionRatioFigure(input.data);
    case 'group-bars':
      return groupBarsFigure(input.data);
    case 'stacked-categories':
      return stackedCategoriesFigure(input.data);
    case 'form-content':
      return formContentFigure(input.data);
    case 'value-sweep':
      return valueSweepFigure(input.data);
    case 'trigger-pairs':
      return triggerPairsFigure(input.data);
    case 'speaker-bars':
      return speakerBarsFigure(input.data);
    case 'training-curves':
      return trainingCurvesFigure(input.data);
    case 'score-histogram':
      return scoreHistogramFigure(input.data);
  }
}
