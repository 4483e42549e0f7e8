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
		readonly extra: Record<string, unknown> = {}
	) {
		super(message);
	}
	toResponse(): Response {
		return apiError(this.status, this.code, this.message, this.extra);
	}
}

/** Reads a JSON body of at most `maxBytes`, refusing other content types and broken JSON. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.toLowerCase().startsWith('application/json')) {
		throw new ApiFailure(415, 'unsupported_media_type', 'Send the body as application/json');
	}
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > maxBytes) {
		throw new ApiFailure(413, 'too_large', `The body must be at most ${maxBytes} bytes`);
	}
	const text = await readLimited(request, maxBytes);
	try {
		return JSON.parse(text);
	} catch {
		throw new ApiFailure(400, 'invalid_json', 'The body is not valid JSON');
	}
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
			throw new ApiFailure(413, 'too_large', `The body must be at most ${maxBytes} bytes`);
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
