/**
 * The canvas redraws only what changed: a selection changes one element, and a graph made
 * again from an unchanged draft (a validation with nothing new, counts that did not move)
 * hands React Flow the same objects.
 */
import { describe, expect, it } from 'vitest';
import { keepUnchanged, toFlow, withSelection } from '../../designer/src/editor/graph/flow-elements.js';
import { indexIssues } from '../../designer/src/model/issues.js';
import { dealDraft } from './mini-crm-draft.js';

const input = () => ({ draft: dealDraft(), positions: {}, issues: indexIssues([]), records: new Map<string, number>(), lang: 'en' as const });

describe('the canvas elements', () => {
  it('selects one stage or transition by copying it alone', () => {
    const flow = toFlow(input());
    expect(flow.nodes.every((n) => !n.selected)).toBe(true);
    const stage = flow.nodes[1].id;
    const picked = withSelection(flow, { kind: 'stage', key: stage });
    expect(picked.nodes.filter((n) => n.selected).map((n) => n.id)).toEqual([stage]);
    expect(picked.nodes.filter((n, i) => n !== flow.nodes[i]).map((n) => n.id)).toEqual([stage]);
    expect(picked.edges).toBe(flow.edges);
    const edge = flow.edges[0].id;
    const line = withSelection(flow, { kind: 'transition', id: edge });
    expect(line.edges.filter((e, i) => e !== flow.edges[i]).map((e) => e.id)).toEqual([edge]);
    expect(line.edges.find((e) => e.id === edge)?.selected).toBe(true);
    expect(withSelection(flow, null)).toBe(flow);
  });

  it('keeps the objects of a graph made again from the same draft, and replaces only what changed', () => {
    const first = toFlow(input());
    const again = toFlow(input());
    expect(again.nodes[0]).not.toBe(first.nodes[0]);
    expect(keepUnchanged(first.nodes, again.nodes)).toBe(first.nodes);
    expect(keepUnchanged(first.edges, again.edges)).toBe(first.edges);

    const counted = toFlow({ ...input(), records: new Map([[first.nodes[0].id, 3]]) });
    const kept = keepUnchanged(first.nodes, counted.nodes);
    expect(kept).not.toBe(first.nodes);
    expect(kept[0]).toBe(counted.nodes[0]);
    expect(kept[0].data.records).toBe(3);
    expect(kept.slice(1).every((n, i) => n === first.nodes[i + 1])).toBe(true);
  });

  it('takes the new graph as it is when there was none before', () => {
    const flow = toFlow(input());
    expect(keepUnchanged([], flow.nodes)).toBe(flow.nodes);
  });
});
