/** What the inspector edits: a stage, a transition, or (null) the pipeline as a whole. */
export type Selection = { kind: 'stage'; key: string } | { kind: 'transition'; id: string } | null;
