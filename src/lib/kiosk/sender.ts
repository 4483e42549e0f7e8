import type { KioskConfig } from '$lib/domain/kiosk-config';
import * as api from './api';
import { bumpAttempts, counts, oldestReady, rejectEntry, removeEntry, type Device } from './outbox';

export const MIN_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;
export const HEARTBEAT_MS = 60_000;
export const CONFIG_REFRESH_MS = 10 * 60_000;
/** Without any cached config the tablet cannot take answers, so it asks more often. */
const CONFIG_RETRY_MS = 15_000;

/**
 * Wait before the next try after `failures` failures in a row: 1 s, 2 s, 4 s … capped at 5 min,
 * with "equal jitter" (half fixed, half random) so that the tablets of one office that lost the
 * same Wi-Fi do not all retry in the same second when it returns.
 */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** Math.max(0, failures - 1));
	return Math.max(MIN_DELAY_MS, ceiling / 2 + (random() * ceiling) / 2);
}

export interface SyncHooks {
	device(): Device | null;
	appVersion: string;
	/** 401 from any endpoint: the token is unknown or the kiosk was revoked. */
	onUnauthorized(): void;
	onConfig(config: KioskConfig): void;
	/** The server acknowledged something; `at` is the local time. */
	onSynced(at: Date): void;
	onQueue(c: { pending: number; rejected: number }): void;
	hasConfig(): boolean;
}

/**
 * Delivers the outbox oldest first and keeps the server informed (heartbeat, config refresh).
 * An entry leaves the outbox only on 201/200 or, for a permanent refusal, into 'rejected'.
 */
export class Sync {
	private failures = 0;
	private retryTimer: ReturnType<typeof setTimeout> | null = null;
	private configTimer: ReturnType<typeof setTimeout> | null = null;
	private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
	private draining = false;
	private again = false;
	private stopped = false;

	constructor(private hooks: SyncHooks) {}

	start(): void {
		// Idempotent: a second start (re-pairing) must not leave a second heartbeat running.
		this.stop();
		this.stopped = false;
		window.addEventListener('online', this.onOnline);
		this.heartbeatTimer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
		void this.refreshConfig();
		this.kick();
	}

	stop(): void {
		this.stopped = true;
		window.removeEventListener('online', this.onOnline);
		if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
		if (this.retryTimer) clearTimeout(this.retryTimer);
		if (this.configTimer) clearTimeout(this.configTimer);
		this.heartbeatTimer = this.retryTimer = this.configTimer = null;
	}

	/** A new entry is ready. During a back-off wait it simply joins the next attempt. */
	kick(): void {
		if (this.retryTimer) return;
		void this.drain();
	}

	private onOnline = () => {
		this.wake();
		void this.heartbeat();
	};

	/** The server is reachable again: forget the back-off and send now. */
	private wake() {
		this.failures = 0;
		if (this.retryTimer) clearTimeout(this.retryTimer);
		this.retryTimer = null;
		void this.drain();
	}

	private async drain(): Promise<void> {
		if (this.draining) {
			this.again = true;
			return;
		}
		this.draining = true;
		try {
			await this.drainOnce();
		} finally {
			this.draining = false;
			this.hooks.onQueue(await counts());
			if (this.again && !this.stopped) {
				this.again = false;
				if (!this.retryTimer) void this.drain();
			}
		}
	}

	private async drainOnce(): Promise<void> {
		for (;;) {
			const device = this.hooks.device();
			// navigator.onLine === false is reliable (no network at all); the 'online' event wakes us.
			if (this.stopped || !device || !navigator.onLine) return;
			const entry = await oldestReady(device.kioskId);
			if (!entry) return;
			const result = await api.postResponse(device.token, entry.body);
			if (result.kind === 'ok') {
				await removeEntry(entry.id);
				this.failures = 0;
				this.hooks.onSynced(new Date());
				this.hooks.onQueue(await counts());
			} else if (result.kind === 'unauthorized') {
				this.stop();
				this.hooks.onUnauthorized();
				return;
			} else if (result.kind === 'refused') {
				// 400/409/422/429: sending the same body again gets the same answer.
				await rejectEntry(entry, result.status, result.code);
				this.hooks.onQueue(await counts());
			} else {
				await bumpAttempts(entry.id);
				this.failures++;
				this.retryTimer = setTimeout(() => {
					this.retryTimer = null;
					void this.drain();
				}, backoffDelay(this.failures));
				return;
			}
		}
	}

	async heartbeat(): Promise<'ok' | 'offline' | 'not_active'> {
		const device = this.hooks.device();
		if (!device || this.stopped) return 'not_active';
		if (!navigator.onLine) return 'offline';
		const { pending } = await counts();
		const result = await api.heartbeat(device.token, {
			queueLength: pending,
			appVersion: this.hooks.appVersion.slice(0, 40)
		});
		if (result.kind === 'unauthorized') {
			this.stop();
			this.hooks.onUnauthorized();
			return 'not_active';
		}
		if (result.kind !== 'ok') return 'offline';
		this.hooks.onSynced(new Date());
		// The server answers again: anything waiting out a back-off can go now (at most once a
		// heartbeat, so an endpoint that fails on its own still backs off).
		if (this.retryTimer) this.wake();
		return 'ok';
	}

	/** Fetched on start and every 10 minutes; offline the cached config stays in use. */
	async refreshConfig(): Promise<void> {
		if (this.configTimer) clearTimeout(this.configTimer);
		this.configTimer = null;
		const device = this.hooks.device();
		if (!device || this.stopped) return;
		const result = navigator.onLine
			? await api.fetchConfig(device.token)
			: ({ kind: 'unreachable' } as const);
		if (this.stopped) return;
		if (result.kind === 'unauthorized') {
			this.stop();
			this.hooks.onUnauthorized();
			return;
		}
		if (result.kind === 'ok') {
			this.hooks.onConfig(result.data);
			this.hooks.onSynced(new Date());
		}
		const wait = this.hooks.hasConfig() ? CONFIG_REFRESH_MS : CONFIG_RETRY_MS;
		this.configTimer = setTimeout(() => void this.refreshConfig(), wait);
	}
}
