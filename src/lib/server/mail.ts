import { createTransport } from 'nodemailer';
import type { DbOrTx } from './db';
import { nowIso } from './ids';

/**
 * E-mail, when the operator sets SMTP_URL (`smtp://user:pass@host:587`, or `smtps://…:465`):
 * scheduled reports and alerts. Without it nothing is sent and everything stays in the app.
 *
 * Each message is recorded per job and recipient in sent_emails *before* it is handed to the
 * SMTP server: a restart or a second instance never sends it twice. The price: a process that
 * dies between the hand-over and the 'sent' mark leaves the row 'sending', and that message is
 * not tried again (at most once, never twice). A refusal by the server ('failed') is tried again
 * with the job.
 *
 * The URL holds a password: it is never logged nor stored; errors are kept without it.
 */

export interface Attachment {
	filename: string;
	content: Uint8Array;
	contentType: string;
}

export interface Message {
	to: string;
	subject: string;
	text: string;
	attachments?: Attachment[];
}

export interface Mailer {
	from: string;
	/** The server as it may be shown: the password replaced by ***. */
	server: string;
	send(message: Message): Promise<void>;
}

/** The URL with its password hidden, for logs and the admin page. */
export function redactSmtpUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return '(invalid SMTP_URL)';
	}
}

/** An error's message with the URL's password and user taken out. */
function safeMessage(e: unknown, url: string): string {
	let text = e instanceof Error ? e.message : String(e);
	try {
		const u = new URL(url);
		for (const secret of [u.password, decodeURIComponent(u.password)]) {
			if (secret) text = text.split(secret).join('***');
		}
	} catch {
		// Not a URL: nothing of it to hide beyond what mailerFrom refused.
	}
	return text.slice(0, 300);
}

export class MailConfigError extends Error {}

/**
 * The mailer for SMTP_URL, or null when it is unset or empty. A URL that is not smtp:// or
 * smtps:// is refused at start-up rather than at the first report.
 */
export function mailerFrom(url: string | undefined, from?: string): Mailer | null {
	if (!url) return null;
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new MailConfigError('SMTP_URL is not a URL (expected smtp://user:pass@host:587)');
	}
	if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
		throw new MailConfigError('SMTP_URL must start with smtp:// or smtps://');
	}
	const transport = createTransport(url);
	const sender = from || `Ý Kiến <no-reply@${parsed.hostname || 'localhost'}>`;
	return {
		from: sender,
		server: redactSmtpUrl(url),
		async send(message) {
			try {
				await transport.sendMail({
					from: sender,
					to: message.to,
					subject: message.subject,
					text: message.text,
					attachments: message.attachments?.map((a) => ({
						filename: a.filename,
						content: Buffer.from(a.content),
						contentType: a.contentType
					}))
				});
			} catch (e) {
				// No `cause`: the original error may carry the URL, password included.
				// eslint-disable-next-line preserve-caught-error
				throw new Error(safeMessage(e, url));
			}
		}
	};
}

export type SendOutcome = 'sent' | 'already' | 'failed';

/**
 * Sends `message` for `jobKey` once: 'already' when this job's message to this address was sent
 * (or is being sent) before, 'failed' when the server refused it (it may be tried again).
 */
export async function sendOnce(
	db: DbOrTx,
	mailer: Mailer,
	jobKey: string,
	message: Message,
	now = new Date()
): Promise<SendOutcome> {
	const recipient = message.to.trim().toLowerCase();
	const at = nowIso(now);
	// Take the row: a new one, or one whose earlier attempt the server refused.
	const inserted = await db
		.insertInto('sentEmails')
		.values({ jobKey, recipient, status: 'sending', subject: message.subject, updatedAt: at })
		.onConflict((oc) => oc.columns(['jobKey', 'recipient']).doNothing())
		.executeTakeFirst();
	if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) {
		const retaken = await db
			.updateTable('sentEmails')
			.set({ status: 'sending', updatedAt: at })
			.where('jobKey', '=', jobKey)
			.where('recipient', '=', recipient)
			.where('status', '=', 'failed')
			.executeTakeFirst();
		if (Number(retaken.numUpdatedRows) !== 1) return 'already';
	}
	// Each attempt is counted on the row, with why it failed.
	const attempted = (status: 'sent' | 'failed', error: string | null) =>
		db
			.updateTable('sentEmails')
			.set((eb) => ({
				status,
				error,
				attempts: eb('attempts', '+', 1),
				updatedAt: nowIso()
			}))
			.where('jobKey', '=', jobKey)
			.where('recipient', '=', recipient)
			.execute();
	try {
		await mailer.send({ ...message, to: recipient });
	} catch (e) {
		await attempted('failed', e instanceof Error ? e.message : 'send failed');
		return 'failed';
	}
	await attempted('sent', null);
	return 'sent';
}

/** A plain e-mail address check: something@domain.tld, no spaces, at most 254 characters. */
export function isEmail(value: string): boolean {
	return value.length <= 254 && /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/.test(value);
}
