import type { Request, Response } from '@google-cloud/functions-framework';
import { refreshTokens } from './tokens';

export function rotate(request: Request, reply: Response) {
  return refreshTokens(request.body.clientId);
}
