/** Stage names in the chosen language, and the stages as choices for pickers (sub-stages indented). */
import { useMemo } from 'react';
import { useI18n } from '../i18n/useI18n.js';
import { stageAt, type Draft } from '../model/draft.js';
import { listStages, type StageInfo } from '../model/stages.js';

export interface StageNames {
  /** The stage at a path, by its label ("" is "any stage"). */
  name: (path: string | undefined) => string;
  /** Every stage as a choice, sub-stages indented under theirs. */
  choices: { value: string; label: string; stage: StageInfo }[];
}

export function useStageNames(draft: Draft): StageNames {
  const { label, t } = useI18n();
  return useMemo(() => {
    const name = (path: string | undefined) =>
      path === undefined
        ? '—'
        : path === ''
          ? t('transition.anyStage')
          : label(stageAt(draft, path)?.meta.labels, path);
    const choices = listStages(draft).map((stage) => ({
      value: stage.path,
      label: `${'\u00a0\u00a0\u00a0'.repeat(stage.depth)}${label(stage.labels, stage.path)}`,
      stage,
    }));
    return { name, choices };
  }, [draft, label, t]);
}
