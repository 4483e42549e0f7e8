import { json } from '@sveltejs/kit';

// One JSON error shape for every endpoint: { "error": { "code": "...", "message": "..." } }.
export function apiError(
	status: number,
	code: string,
	message: string,
	extra: Record<string, unknown> = {},
	headers: Record<string, string> = {}
): Response {
	return json({ error: { code, message, ...extra } }, { status, headers });
}

export class ApiFailure extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly extra: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
	toResponse(): Response {
		return apiError(this.status, this.code, this.message, this.extra, this.headers);
	}
}

/**
 * How deep and how wide a JSON body may be. No body of this API nests more than four levels
 * (a submission's answers hold arrays of option codes) or lists more than a survey's questions
 * in one object; a body nested thousands of levels deep overflowed the stack of the structured
 * clone that hands an answer to the writer thread and ended the process (issue 15).
 */
export const MAX_JSON_DEPTH = 8;
export const MAX_JSON_MEMBERS = 256;

/** Reads a JSON body of at most `maxBytes`, refusing other content types and broken JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		throw new ApiFailure(415, 'unsupported_media_type', 'Send the body as application/json');
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) {
		throw tooLarge(maxBytes);
	}
	const text = await readLimited(request, maxBytes);
	const shape = jsonShapeProblem(text);
	if (shape) throw new ApiFailure(400, 'invalid_request', shape);
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiFailure(400, 'invalid_json', 'The body is not valid JSON');
	}
}

/**
 * Scans JSON text, before it is parsed, for containers nested deeper than MAX_JSON_DEPTH or
 * holding more than MAX_JSON_MEMBERS members; returns why it is refused, or null. A loop over
 * the characters (strings skipped), so no input can exhaust the stack here either.
 */
export function jsonShapeProblem(
	text: string,
	maxDepth = MAX_JSON_DEPTH,
	maxMembers = MAX_JSON_MEMBERS
): string | null {
	const members: number[] = [];
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
			continue;
		}
		if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) {
			if (members.length >= maxDepth) return `The body must not nest more than ${maxDepth} levels`;
			members.push(1);
		} else if (c === 0x5d || c === 0x7d) members.pop();
		else if (c === 0x2c && members.length > 0) {
			if (++members[members.length - 1] > maxMembers) {
				return `An object or list in the body must not hold more than ${maxMembers} members`;
			}
		}
	}
	return null;
}

/**
 * The rest of a body over the limit is never read: the connection is closed after the answer,
 * so the client's next request goes on a new one instead of meeting the unread bytes.
 */
function tooLarge(maxBytes: number): ApiFailure {
	return new ApiFailure(
		413,
		'too_large',
		`The body must be at most ${maxBytes} bytes`,
		{},
		{ connection: 'close' }
	);
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
	if (!request.body) return '';
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw tooLarge(maxBytes);
		}
		chunks.push(value);
	}
	return new TextDecoder().decode(Buffer.concat(chunks));
}

export function bearerToken(request: Request): string | null {
	const header = request.headers.get('authorization') ?? '';
	const match = /^Bearer\s+([A-Za-z0-9._~+/-]{10,200})$/.exec(header);
	return match ? match[1] : null;
}
