/**
 * Who owns the response: the handler, or code it handed the response to (an SDK object built with
 * it, a piped stream, a listener or middleware callback, a helper, `next`). A handler whose
 * response is handed off never gets a response added by sendlast.
 */
import type * as t from '@babel/types';
import type { Handler } from './handlers';
import type { SourceFile } from './source-file';

export type Ownership =
  | { handedOff: false }
  | {
      handedOff: true;
      /** Where the response went (the call, pipe, assignment or callback). */
      node: t.Node;
      /** Completes "the response is handed off: ...", e.g. "piped into by `stream.pipe(res)`". */
      reason: string;
    };

/** Whether the handler's response is handed off to code that will (or may) send it. */
export function getOwnership(_handler: Handler, _file: SourceFile): Ownership {
  return { handedOff: false };
}
