/** The schemas of a record's related records (./routes-related.ts) and of record summaries. */
import { ref } from './openapi-common.js';

type Json = Record<string, unknown>;

const SUMMARY = {
  type: 'object',
  required: ['id', 'entity', 'stage', 'status', 'createdAt', 'updatedAt'],
  properties: {
    id: { type: 'string' },
    entity: { type: 'string' },
    title: { type: 'string', description: 'what names it: its x-title fields joined with " · ", else the first filled of title, name, fullName and the required text fields' },
    stage: { type: 'string' },
    stageLabels: ref('Labels'),
    status: { enum: ['active', 'done'] },
    owner: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

const CELL = {
  type: 'object',
  properties: {
    value: { description: 'the raw value read' },
    labels: ref('Labels'),
    ref: {
      type: 'object',
      required: ['entity', 'id'],
      properties: { entity: { type: 'string' }, id: { type: 'string' }, title: { type: 'string' } },
    },
  },
};

/** Component schemas of the related-records response. */
export const relatedSchemas: Json = {
  RecordSummary: SUMMARY,
  RecordViewResult: {
    type: 'object',
    description: 'A view pack.json declares (recordViews), filled for the record.',
    required: ['id', 'labels', 'entity', 'link', 'total', 'columns', 'rows', 'fields'],
    properties: {
      id: { type: 'string' },
      labels: ref('Labels'),
      entity: { type: 'string' },
      entityLabels: ref('Labels'),
      link: { type: 'string' },
      total: { type: 'integer' },
      columns: {
        type: 'array',
        items: {
          type: 'object',
          required: ['path', 'labels'],
          properties: { path: { type: 'string' }, labels: ref('Labels'), field: { type: 'object' } },
        },
      },
      rows: {
        type: 'array',
        items: { allOf: [ref('RecordSummary'), { type: 'object', required: ['cells'], properties: { cells: { type: 'array', items: CELL } } }] },
      },
      fields: {
        type: 'array',
        items: { type: 'object', properties: { field: { type: 'string' }, labels: ref('Labels'), value: {} } },
      },
    },
  },
  RelatedRecords: {
    type: 'object',
    required: ['entity', 'id', 'outgoing', 'incoming', 'views'],
    properties: {
      entity: { type: 'string' },
      id: { type: 'string' },
      outgoing: {
        type: 'array',
        description: 'The records its x-ref fields point to; `record` is absent when the id names no such record.',
        items: {
          type: 'object',
          required: ['field', 'entity', 'id'],
          properties: {
            field: { type: 'string' },
            fieldLabels: ref('Labels'),
            entity: { type: 'string' },
            entityLabels: ref('Labels'),
            id: { type: 'string' },
            record: ref('RecordSummary'),
          },
        },
      },
      incoming: {
        type: 'array',
        description: 'For every x-ref field of any entity pointing at this entity: the newest records holding this id, and how many.',
        items: {
          type: 'object',
          required: ['entity', 'field', 'total', 'items'],
          properties: {
            entity: { type: 'string' },
            entityLabels: ref('Labels'),
            field: { type: 'string' },
            fieldLabels: ref('Labels'),
            total: { type: 'integer' },
            items: { type: 'array', items: ref('RecordSummary') },
          },
        },
      },
      views: { type: 'array', items: ref('RecordViewResult') },
    },
  },
};
