import type { Request, Response } from '@google-cloud/functions-framework';
import { refreshTokens } from './tokens';

export async function rotate(request: Request, reply: Response) {
  await refreshTokens(request.body.clientId);
  reply.sendStatus(200);
}
