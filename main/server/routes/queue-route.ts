import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { GatewayError, invalidRequest } from '../../errors/gateway-error.js';
import { parseJsonBody } from '../../formats/decode-json.js';
import { imageGenerationsEndpoint } from '../../formats/openai-json-endpoints.js';
import { openAiChatErrors } from '../../formats/openai-chat/encode-error.js';
import type { Task, TaskRegistry } from '../../tasks/task-registry.js';
import { sendJson, type Next } from '../middleware.js';
import { readRawBody } from '../read-raw-body.js';
import { locals } from '../request-context.js';
import type { RouterContext } from '../router-context.js';
import { startJsonTask } from './openai-json-route.js';
import { passFailure } from './pass-failure.js';
import { newOutcome, recordOutcome } from './record-outcome.js';
import { taskOwner } from './task-route.js';

const megabyte = 1024 * 1024;
const queuePath = /^\/(.+?)(?:\/requests\/([^/]+)\/(status|response|cancel))?\/?$/;

/**
 * The queue protocol of the API reference, `/model/v1/queue/{endpoint}`, over the router's async
 * image tasks: `{endpoint}` is the model (`provider/model`, an alias or a combo) and the body its
 * parameters (`prompt`, `size`, ...). Submitting answers at once with the request's id and its
 * status, response and cancel URLs; the image generation runs in the background with the usual
 * fallback, exactly as `POST /v1/images/generations?async=true` does (they share the tasks).
 *
 * - `POST /model/v1/queue/{endpoint}`: `{request_id, status, status_url, response_url, cancel_url}`.
 * - `GET .../requests/{id}/status`: `IN_PROGRESS` or `COMPLETED` (with `error` when it failed).
 * - `GET .../requests/{id}/response`: the upstream's answer once completed; its error once failed.
 * - `PUT .../requests/{id}/cancel`: stops a running request (its upstream call is aborted).
 */
export function queueRoute(context: RouterContext, tasks: TaskRegistry<unknown>) {
  return (req: Request, res: Response, next: Next): void => {
    handle(context, tasks, req, res, next).catch(next);
  };
}

async function handle(context: RouterContext, tasks: TaskRegistry<unknown>, req: Request, res: Response, next: Next): Promise<void> {
  const match = queuePath.exec(req.path);
  if (!match) throw new GatewayError({ code: 'not_found', status: 404, message: `No route for ${req.method} /model/v1/queue${req.path}; submit to /model/v1/queue/{endpoint}.` });
  const endpoint = decodeURIComponent(match[1] as string);
  const [, , requestId, action] = match;
  if (requestId === undefined) {
    if (req.method !== 'POST') throw new GatewayError({ code: 'not_found', status: 404, message: `Submit with POST /model/v1/queue/${endpoint}; read a request at .../requests/{request_id}/status.` });
    return submit(context, tasks, endpoint, req, res, next);
  }
  const expected = action === 'cancel' ? 'PUT' : 'GET';
  if (req.method !== expected) throw new GatewayError({ code: 'not_found', status: 404, message: `No route for ${req.method} ${action}: use ${expected}.` });
  const task = tasks.get(requestId, taskOwner(req, res));
  if (!task) {
    throw new GatewayError({ code: 'not_found', status: 404, param: 'request_id', message: `No request '${requestId}': a request can be read with the key that submitted it, until ${Math.round(tasks.retainMs / 60_000)} minutes after it finished.` });
  }
  if (action === 'status') sendJson(res, 200, statusOf(task, urlsOf(req, endpoint, task.id)));
  else if (action === 'response') sendResponse(res, task);
  else {
    const running = tasks.cancel(task.id, taskOwner(req, res));
    sendJson(res, running ? 202 : 400, { request_id: task.id, status: running ? 'CANCELLATION_REQUESTED' : 'ALREADY_COMPLETED' });
  }
}

async function submit(context: RouterContext, tasks: TaskRegistry<unknown>, endpoint: string, req: IncomingMessage, res: ServerResponse, next: Next): Promise<void> {
  const outcome = newOutcome();
  let started = false;
  try {
    const raw = await readRawBody(req, context.settings.current.maxRequestBodyMb * megabyte);
    const parameters = raw.length === 0 ? {} : parseJsonBody(raw);
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) throw invalidRequest('The body must be a JSON object of the model\'s parameters, e.g. {"prompt": "..."}.');
    if (context.requestLogs.enabled) outcome.requestBody = raw;
    const task = startJsonTask({ context, endpoint: imageGenerationsEndpoint, tasks, req, res, body: { ...(parameters as Record<string, unknown>), model: endpoint }, bodyBytes: raw.length, outcome });
    started = true;
    sendJson(res, 200, statusOf(task, urlsOf(req, endpoint, task.id)));
  } catch (error) {
    passFailure(error, { outcome, cancellation: undefined, next });
  } finally {
    // A started task records itself when it ends.
    if (!started) recordOutcome(context, { format: imageGenerationsEndpoint.usageFormat, req, res, outcome });
  }
}

interface QueueUrls {
  status_url: string;
  response_url: string;
  cancel_url: string;
}

/** Where to poll, fetch and cancel a request, on the address the client reached the router at. */
function urlsOf(req: IncomingMessage, endpoint: string, id: string): QueueUrls {
  const scheme = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  const base = `${scheme}://${req.headers.host ?? '127.0.0.1'}/model/v1/queue/${endpoint.split('/').map(encodeURIComponent).join('/')}/requests/${id}`;
  return { status_url: `${base}/status`, response_url: `${base}/response`, cancel_url: `${base}/cancel` };
}

/** The protocol's status: a failed request is `COMPLETED` with its `error`, as the reference's poll loop reads it. */
function statusOf(task: Task<unknown>, urls: QueueUrls): Record<string, unknown> {
  const status = task.status === 'in_progress' ? 'IN_PROGRESS' : 'COMPLETED';
  return { request_id: task.id, status, ...urls, ...(task.status === 'failed' && task.error ? { error: task.error.message } : {}) };
}

function sendResponse(res: ServerResponse, task: Task<unknown>): void {
  if (task.status === 'in_progress') {
    throw new GatewayError({ code: 'invalid_request', status: 400, param: 'request_id', message: `Request '${task.id}' is still in progress; poll its status_url until it is COMPLETED.` });
  }
  if (task.status === 'failed' && task.error) {
    const rendered = openAiChatErrors.renderError(task.error, locals(res).requestId);
    sendJson(res, rendered.status, rendered.body);
    return;
  }
  sendJson(res, 200, task.result);
}
