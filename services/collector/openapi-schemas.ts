/** Route schemas for the OpenAPI description (documentation only: bodies are validated by validate-activity.ts). */
const validationError = {
  type: 'object',
  properties: { field: { type: 'string', example: 'metadata.editorialId' }, rule: { type: 'string', enum: ['required', 'type', 'format', 'enum', 'range', 'maxLength', 'maxItems'] }, message: { type: 'string' } },
} as const;

const errorBody = {
  type: 'object',
  properties: { error: { type: 'string', example: 'VALIDATION_FAILED' }, message: { type: 'string' }, errors: { type: 'array', items: validationError } },
} as const;

const activityBody = {
  type: 'object',
  description: 'One UAV activity as in seeds 001/002: accountId, userId (may be ""), deviceId, key (may be ""), activityDateTime, clientLoggedDateTime, app fields and a metadata object. Unknown metadata keys are kept.',
  required: ['accountId', 'userId', 'deviceId', 'key'],
  additionalProperties: true,
  properties: {
    accountId: { type: 'string' },
    userId: { type: 'string' },
    deviceId: { type: 'string' },
    key: { type: 'string' },
    appSessionId: { type: 'string' },
    activityDateTime: { type: 'string', example: '2024-03-01T20:15:00.000Z' },
    clientLoggedDateTime: { type: 'string' },
    appName: { type: 'string', description: 'equivalent to the tenant in the token' },
    appVersion: { type: 'string' },
    deviceType: { type: 'string' },
    metadata: { type: 'object', additionalProperties: true },
  },
} as const;

const headers = { type: 'object', properties: { authorization: { type: 'string', description: 'Bearer <JWT with a tenant claim>' } } } as const;

const common503 = { description: 'Kafka unavailable or queue full; retry after Retry-After seconds', ...errorBody };

export const singleRouteSchema = {
  summary: 'Report one activity',
  tags: ['activities'],
  headers,
  params: { type: 'object', properties: { activityName: { type: 'string', description: 'Any name (seed 001 lists the known ones); letters, digits, _ - . up to 64' } } },
  body: activityBody,
  response: {
    202: { description: 'Acknowledged by Kafka (acks=all)', type: 'object', properties: { eventId: { type: 'string' } } },
    400: { description: 'Invalid body; dead-lettered with the reason', ...errorBody },
    401: { description: 'Missing or invalid token', ...errorBody },
    403: { description: 'appName names another tenant than the token', ...errorBody },
    413: { description: 'Body too large', ...errorBody },
    429: { description: 'Rate limit of the tenant or device; see Retry-After', ...errorBody },
    503: common503,
  },
} as const;

export const batchRouteSchema = {
  summary: 'Report many activities at once (clients that buffer)',
  description: 'Each item is a single-form body plus its activityName. Items are validated independently: one bad item does not sink the good ones. 202 when all were accepted, 207 when some were rejected, 400 when none was. Accepted items are in Kafka when the response is sent.',
  tags: ['activities'],
  headers,
  body: { type: 'object', required: ['activities'], properties: { activities: { type: 'array', maxItems: 1000, items: { ...activityBody, required: ['activityName', ...activityBody.required], properties: { activityName: { type: 'string' }, ...activityBody.properties } } } } },
  response: {
    '2xx': {
      description: 'Per-item results',
      type: 'object',
      properties: {
        accepted: { type: 'integer' },
        rejected: { type: 'integer' },
        results: { type: 'array', items: { type: 'object', properties: { index: { type: 'integer' }, status: { type: 'integer', enum: [202, 400, 403] }, eventId: { type: 'string' }, errors: { type: 'array', items: validationError } } } },
      },
    },
    400: { description: 'Not a batch body, or every item rejected', type: 'object', additionalProperties: true },
    401: { description: 'Missing or invalid token', ...errorBody },
    413: { description: 'Body too large or too many items', ...errorBody },
    429: { description: 'Rate limit; see Retry-After', ...errorBody },
    503: common503,
  },
} as const;
