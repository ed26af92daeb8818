/**
 * A stage on the canvas: its label, start/end marks and badges for what it holds. A stage
 * with sub-stages is drawn as a frame whose header carries the same, around them.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import type { StageNode as StageNodeType } from './flow-elements.js';

function StageNodeView({ data, selected }: NodeProps<StageNodeType>) {
  const { t, label } = useI18n();
  const classes = ['stage-node'];
  if (data.initial) classes.push('stage-node-initial');
  if (data.final) classes.push('stage-node-final');
  if (selected) classes.push('is-selected');
  if (data.issues.length > 0) classes.push('has-issues');
  if (data.sim) classes.push(`sim-${data.sim}`);
  // A stage with sub-stages is a frame around them: its content is a header.
  if (data.compound) classes.push('stage-group');
  const badges: [string, number, string][] = [
    ['activities', data.activities, t('node.activities', { count: data.activities })],
    ['reminders', data.reminders, t('node.reminders', { count: data.reminders })],
    ['required', data.requiredFields, t('node.requiredFields', { count: data.requiredFields })],
  ];
  return (
    <div className={classes.join(' ')} data-stage={data.stage} title={data.issues.join('\n') || undefined}>
      <Handle type="target" position={Position.Left} className="stage-handle" />
      <div className="stage-node-top">
        {data.initial && <span className="pill pill-start">{t('node.start')}</span>}
        {data.final && <span className="pill pill-end">{t('node.end')}</span>}
        {data.records !== undefined && data.records > 0 && (
          <span className="pill pill-records" title={t('node.records', { count: data.records })}>
            {data.records}
          </span>
        )}
        {data.issues.length > 0 && (
          <span className="pill pill-issues" aria-label={t('node.issues', { count: data.issues.length })}>
            ! {data.issues.length}
          </span>
        )}
      </div>
      <div className="stage-node-title">{label(data.labels, data.stage)}</div>
      <div className="stage-node-key">
        {data.compound ? data.stage : data.stage.slice(data.stage.lastIndexOf('.') + 1)}
      </div>
      <div className="stage-node-badges">
        {badges
          .filter(([, n]) => n > 0)
          .map(([kind, n, text]) => (
            <span key={kind} className={`node-badge node-badge-${kind}`} title={text} aria-label={text}>
              <span className="node-badge-icon" aria-hidden="true" />
              {n}
            </span>
          ))}
      </div>
      {!data.final && <Handle type="source" position={Position.Right} className="stage-handle" />}
    </div>
  );
}

export const StageNode = memo(StageNodeView);
