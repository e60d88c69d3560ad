import type { Request, Response } from '@google-cloud/functions-framework';
import { CloudTasksClient } from '@google-cloud/tasks';

const tasks = new CloudTasksClient();

export async function scheduleReminder(req: Request, res: Response): Promise<unknown> {
  const parent = tasks.queuePath('my-project', 'us-central1', 'reminders');
  await tasks.createTask({ parent, task: { httpRequest: { url: req.body.callbackUrl } } });
  res.sendStatus(200);
}
