import { onCall } from 'firebase-functions/https';
import { generateStory } from './llm';

export const streamStory = onCall(async (request, response) => {
  const chunks = await generateStory(request.data.prompt);
  for await (const chunk of chunks) {
    if (request.acceptsStreaming) response?.sendChunk(chunk.text);
  }
  return chunks.finalText();
});
