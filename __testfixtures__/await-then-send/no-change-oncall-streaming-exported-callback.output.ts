import { onCall, type CallableRequest, type CallableResponse } from 'firebase-functions/https';
import { generateSummary } from './llm';

// Exported on its own so unit tests can call it without the onCall wrapper.
export async function summarize(request: CallableRequest<{ url: string }>, response?: CallableResponse<string>) {
  const stream = await generateSummary(request.data.url);
  for await (const chunk of stream) {
    response?.sendChunk(chunk);
  }
  return stream.result();
}

export const summarizeCallable = onCall(summarize);
