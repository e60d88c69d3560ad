import { onCall, type CallableRequest, type CallableResponse } from 'firebase-functions/https';
import { suggestTitle } from './llm';

// Exported for unit tests; the deployed function is the onCall wrapper below.
export async function suggestTitleHandler(request: CallableRequest<{ text: string }>, response?: CallableResponse) {
  return suggestTitle(request.data.text);
}

export const suggestTitleCallable = onCall(suggestTitleHandler);
