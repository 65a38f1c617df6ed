import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import { metrics } from '../../lib/metrics.js';
import { enqueueJob } from '../jobs/jobs.service.js';

export const EmailPayload = z.object({
  to: z.string(),
  /** A person the mail comes from (a rep's invitation): the From header; the workspace stays the Sender. */
  from: z.object({ name: z.string(), address: z.string() }).optional(),
  replyTo: z.string().optional(),
  subject: z.string(),
  text: z.string(),
  /** An HTML alternative beside the text (meeting minutes); mails without it stay text only. */
  html: z.string().optional(),
  /** A calendar (meeting invitations): sent as a `text/calendar; method=…` alternative beside the text. */
  icalEvent: z
    .object({ method: z.enum(['REQUEST', 'CANCEL']), content: z.string(), filename: z.string().optional() })
    .optional(),
  /** Files, base64: an image with a `cid` shows inline where the HTML names it (a guest's check-in code). */
  attachments: z
    .array(z.object({ filename: z.string(), contentType: z.string(), content: z.string(), cid: z.string().optional() }))
    .optional(),
});
export type EmailPayload = z.infer<typeof EmailPayload>;

const transports = new Map<string, Transporter>();
const transportFor = (url: string) => {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
};

/** Queues an email in the caller's transaction; the worker sends it over SMTP. */
export const queueEmail = (db: Db, email: EmailPayload): Promise<void> => enqueueJob(db, 'send_email', email);

/** The send_email job: SMTP when SMTP_URL is set, else the mail goes to the log (development). */
export const sendEmailJob = async (ctx: AppContext, payload: unknown): Promise<void> => {
  const email = EmailPayload.parse(payload);
  if (!ctx.config.mail.smtpUrl) {
    console.log(
      `\n[mail] SMTP_URL is not set; this email was not sent:\nTo: ${email.to}\nSubject: ${email.subject}\n\n${email.text}\n`,
    );
    return;
  }
  const { from, attachments, ...rest } = email;
  const files = attachments?.map((a) => ({ ...a, encoding: 'base64' }));
  const message = { ...rest, ...(files && { attachments: files }) };
  try {
    await transportFor(ctx.config.mail.smtpUrl).sendMail(
      from ? { ...message, from, sender: ctx.config.mail.from } : { from: ctx.config.mail.from, ...message },
    );
  } catch (err) {
    metrics.mails.inc({ result: 'failed' });
    throw err;
  }
  metrics.mails.inc({ result: 'sent' });
};
