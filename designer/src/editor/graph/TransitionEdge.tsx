/** A transition on the canvas: an arrow labelled with its event (or delay) and its guard. */
import { BaseEdge, EdgeLabelRenderer, useStore, type EdgeProps } from '@xyflow/react';
import { memo, useContext } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import { registryName } from '../../i18n/registry-names.js';
import { formatDuration } from '../../model/duration.js';
import { edgePath } from './edge-path.js';
import type { TransitionEdge as TransitionEdgeType } from './flow-elements.js';
import { SelectContext } from './select-context.js';

const LABEL_MIN_ZOOM = 0.45;

function TransitionEdgeView({
  id,
  source,
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  selected,
  markerEnd,
}: EdgeProps<TransitionEdgeType>) {
  const { t, label, lang } = useI18n();
  const select = useContext(SelectContext);
  // Zoomed far out, labels are unreadable and would cover the stages: the arrows remain.
  const labelled = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM);
  if (!data) return null;
  const {
    path,
    labelX,
    labelY: edgeLabelY,
  } = edgePath(sourceX, sourceY, targetX, targetY, data.offset, source === target);
  const labelY = edgeLabelY + data.labelShift;
  const title =
    data.kind === 'on'
      ? label(data.eventLabels, data.eventKey)
      : data.kind === 'after'
        ? t('edge.after', { duration: formatDuration(data.eventKey, lang) })
        : t('edge.always');
  const classes = ['transition-label'];
  if (selected) classes.push('is-selected');
  if (data.issues.length > 0) classes.push('has-issues');
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={data.issues.length > 0 ? 'edge-issue' : undefined}
        interactionWidth={16}
      />
      {labelled && (
        <EdgeLabelRenderer>
          <div
            className={classes.join(' ')}
            data-transition={id}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={data.issues.join('\n') || undefined}
            onClick={() => select({ kind: 'transition', id })}
          >
            <span className="transition-label-event">{title}</span>
            {data.guard && (
              <span className="transition-label-guard">
                {t('edge.if', { guard: registryName(data.guard, lang) })}
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TransitionEdge = memo(TransitionEdgeView);
