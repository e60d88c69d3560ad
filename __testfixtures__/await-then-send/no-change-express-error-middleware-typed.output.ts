import express, { type NextFunction, type Request, type Response } from 'express';
import * as Sentry from '@sentry/node';
import { routes } from './routes';

const app = express();
app.use('/api', routes);

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  Sentry.captureException(err);
  return Sentry.flush(2000).then(() => next(err));
});

export default app;
