/** The OpenAPI path of a record's related records (./routes-related.ts) and its schemas. */
import { jsonResponse, paramRef, problems, ref } from './openapi-common.js';
import { CHOICES_QUERY } from './routes-choices.js';
import { RELATED_QUERY } from './routes-related.js';

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

/**
 * `GET /api/records/<entity>/{id}/related` for one entity.
 * @example Object.assign(paths, relatedPaths('account', 'Account'));
 */
export function relatedPaths(entity: string, name: string): Json {
  return {
    [`/api/records/${entity}/{id}/related`]: {
      parameters: [paramRef('Id')],
      get: {
        operationId: `get${name}Related`,
        tags: [entity],
        summary: `Records related to a ${entity}`,
        description:
          'What the record points to through its x-ref fields, the records of every entity pointing at it (newest first), and the record views pack.json declares for its entity: one call per record page.',
        parameters: Object.entries(RELATED_QUERY.properties).map(([key, schema]) => ({ name: key, in: 'query', required: false, schema })),
        responses: {
          200: jsonResponse('The related records', ref('RelatedRecords')),
          ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'unknown-entity, not-found' }),
        },
      },
    },
  };
}

/**
 * `GET /api/records/<entity>/choices` for one entity: what a reference picker offers.
 * @example Object.assign(paths, choicesPaths('account', 'Account'));
 */
export function choicesPaths(entity: string, name: string): Json {
  return {
    [`/api/records/${entity}/choices`]: {
      get: {
        operationId: `list${name}Choices`,
        tags: [entity],
        summary: `${entity} records for a reference picker`,
        description:
          'Records the reader may see, newest change first, whose title fields contain `q` (ignoring case and Vietnamese marks: "nguyen" finds "Nguyễn"), or the records `ids` names, in that order (ids the reader may not see are left out). Each as title + stage.',
        parameters: Object.entries(CHOICES_QUERY.properties).map(([key, schema]) => ({ name: key, in: 'query', required: false, schema })),
        responses: {
          200: jsonResponse('The records found', { type: 'object', required: ['items'], properties: { items: { type: 'array', items: ref('RecordSummary') } } }),
          ...problems({ 400: 'invalid-request', 401: 'unauthenticated', 404: 'unknown-entity' }),
        },
      },
    },
  };
}
