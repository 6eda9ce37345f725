import { GatewayError } from '../errors/gateway-error.js';

export function notFound(what: string, id: string): GatewayError {
  return new GatewayError({ code: 'not_found', status: 404, message: `No ${what} with id '${id}'.` });
}
