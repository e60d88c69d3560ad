// Known limitation: a declared return type that is neither void nor a Promise cannot become async; the return is reported and left alone.
import * as ff from '@google-cloud/functions-framework';
import { publishAudit } from './audit';

ff.http('audit', (req: ff.Request, res: ff.Response): unknown => {
  return publishAudit(req.body);
});
