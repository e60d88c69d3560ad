import { Router, type Request, type Response } from 'express';
import { render } from '@react-email/render';
import { Receipt } from './emails/Receipt';
import { sendMail } from './mail';

export const router = Router();

router.post('/receipts/:orderId', (req: Request, res: Response) => {
  const html = render(<Receipt orderId={req.params.orderId} total={req.body.total} />);
  return sendMail({ to: req.body.email, subject: 'Your receipt', html });
});
