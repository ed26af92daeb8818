/**
 * The pipeline as a graph. Stages are dragged (positions go to the draft when a move
 * ends, by mouse or arrow keys), connected by dragging from a stage's right handle to
 * another stage, and selected by click or Tab + Enter. Deleting is the editor's (Delete key).
 */
import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/useI18n.js';
import type { Selection } from '../selection.js';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  toFlow,
  withSelection,
  keepUnchanged,
  type Flow,
  type FlowInput,
  type StageNode as StageNodeType,
} from './flow-elements.js';
import { SelectContext } from './select-context.js';
import { StageNode } from './StageNode.js';
import { TransitionEdge } from './TransitionEdge.js';

const nodeTypes = { stage: StageNode };
const edgeTypes = { transition: TransitionEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 } };


/**
 * Fitting never zooms out so far that stage names (14 px) fall under 12 px: a long
 * pipeline opens at a readable size and is panned (the minimap shows the rest).
 */
const READABLE_ZOOM = 12 / 14;
const FIT_VIEW = { padding: 0.2, maxZoom: 1, minZoom: READABLE_ZOOM };
export interface PipelineCanvasProps extends Omit<FlowInput, 'lang'> {
  readOnly?: boolean;
  onSelect: (selection: Selection) => void;
  onConnect?: (source: string, target: string) => void;
  onMove?: (positions: Record<string, { x: number; y: number }>) => void;
  /** Centre the view on this stage when `focus.n` changes. */
  focus?: { stage: string; n: number };
}

export function PipelineCanvas({
  readOnly,
  onSelect,
  onConnect,
  onMove,
  focus,
  draft,
  positions,
  issues,
  records,
  selection,
  sim,
}: PipelineCanvasProps) {
  const { t, lang } = useI18n();
  const last = useRef<Flow>({ nodes: [], edges: [] });
  const drawn = useMemo(() => {
    const next = toFlow({ draft, positions, issues, records, sim, lang });
    const kept = { nodes: keepUnchanged(last.current.nodes, next.nodes), edges: keepUnchanged(last.current.edges, next.edges) };
    last.current = kept.nodes === last.current.nodes && kept.edges === last.current.edges ? last.current : kept;
    return last.current;
  }, [draft, positions, issues, records, sim, lang]);
  const flow = useMemo(() => withSelection(drawn, selection), [drawn, selection]);
  const [nodes, setNodes] = useState<StageNodeType[]>(flow.nodes);
  const given = useRef(flow.nodes);
  useEffect(() => {
    // A node the draft did not change keeps what React Flow added to it (its measured size).
    const unchanged = new Set(given.current);
    given.current = flow.nodes;
    setNodes((current) => {
      const held = new Map(current.map((node) => [node.id, node]));
      return flow.nodes.map((node) => (unchanged.has(node) ? (held.get(node.id) ?? node) : node));
    });
  }, [flow.nodes]);
  const { setCenter, getInternalNode } = useReactFlow();

  useEffect(() => {
    if (!focus) return undefined;
    // A stage just added reaches React Flow a frame or two later; a step's position is
    // relative to its stage, so centre on where it is drawn.
    let frame = 0;
    let tries = 0;
    const centre = () => {
      const node = getInternalNode(focus.stage);
      if (!node) {
        if (tries++ < 10) frame = requestAnimationFrame(centre);
        return;
      }
      const { x, y } = node.internals.positionAbsolute;
      void setCenter(x + (node.width ?? NODE_WIDTH) / 2, y + (node.height ?? NODE_HEIGHT) / 2, {
        zoom: 1,
        duration: 300,
      });
    };
    centre();
    return () => cancelAnimationFrame(frame);
  }, [focus, getInternalNode, setCenter]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StageNodeType>[]) => {
      setNodes((current) =>
        applyNodeChanges(
          changes.filter((c) => c.type !== 'select' && c.type !== 'remove'),
          current,
        ),
      );
      const picked = changes.find((c) => c.type === 'select' && c.selected);
      if (picked && picked.type === 'select') onSelect({ kind: 'stage', key: picked.id });
      const moved: Record<string, { x: number; y: number }> = {};
      for (const c of changes)
        if (c.type === 'position' && c.dragging === false && c.position) moved[c.id] = c.position;
      if (Object.keys(moved).length > 0) onMove?.(moved);
    },
    [onSelect, onMove],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const picked = changes.find((c) => c.type === 'select' && c.selected);
      if (picked && picked.type === 'select') onSelect({ kind: 'transition', id: picked.id });
    },
    [onSelect],
  );

  const connect = useCallback(
    (connection: Connection) => {
      if (connection.source && connection.target) onConnect?.(connection.source, connection.target);
    },
    [onConnect],
  );

  return (
    <SelectContext.Provider value={onSelect}>
      <div className="canvas" aria-label={t('canvas.label')} data-testid="pipeline-canvas">
        <ReactFlow
          nodes={nodes}
          edges={flow.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          defaultEdgeOptions={defaultEdgeOptions}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={connect}
          onPaneClick={() => onSelect(null)}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={null}
          multiSelectionKeyCode={null}
          selectionKeyCode={null}
          fitView
          fitViewOptions={FIT_VIEW}
          minZoom={0.1}
          connectionRadius={40}
          proOptions={{ hideAttribution: true }}
          ariaLabelConfig={{
            'node.a11yDescription.default': t('canvas.nodeHelp'),
            'edge.a11yDescription.default': t('canvas.edgeHelp'),
          }}
        >
          <Background gap={20} size={1} />
          <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
          <MiniMap pannable zoomable nodeStrokeWidth={3} />
        </ReactFlow>
      </div>
    </SelectContext.Provider>
  );
}
