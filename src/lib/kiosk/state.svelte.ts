import { version } from '$app/environment';
import type { Answers, SurveyDefinition } from '$lib/domain/survey-model';
import type { KioskConfig } from '$lib/domain/kiosk-config';
import { mainQuestion, nextStep, stepKeys, type Step } from './flow';
import { kioskTranslator, type KioskLocale } from './messages';
import * as outbox from './outbox';
import { requestPairing, type PairingProblem } from './pairing';
import { Sync } from './sender';

export type Screen = 'loading' | 'pair' | 'question' | 'step' | 'thanks' | 'inactive';

/** On top of the minimum interval, so that timer and clock rounding never meet the server's 429. */
const INTERVAL_MARGIN_MS = 300;

interface Flow {
	entry: outbox.OutboxEntry;
	/** The definition at the tap: a config refresh mid-flow must not change the questions. */
	def: SurveyDefinition;
	/** Question keys answered or skipped. */
	done: Set<string>;
}

/** The whole kiosk: which screen shows, the resident's flow, and the link to the server. */
export class KioskApp {
	screen = $state<Screen>('loading');
	locale = $state<KioskLocale>('vi');
	config = $state.raw<KioskConfig | null>(null);
	step = $state.raw<Step | null>(null);
	pending = $state(0);
	rejected = $state(0);
	lastSync = $state<string | null>(null);
	/** Faces are disabled for the minimum interval after an answer. */
	waiting = $state(false);
	/** Staff may re-pair from the "not active" screen only after the server refused the token. */
	inactiveReason = $state<'unauthorized' | 'no_survey' | null>(null);
	pairCode = $state('');
	/** When the follow-up on screen ends by itself (ms since the epoch); shown as a countdown. */
	followUpEndsAt = $state(0);
	t = $derived(kioskTranslator(this.locale));
	readonly appVersion = version;

	private device: outbox.Device | null = null;
	private flow: Flow | null = null;
	private lastSubmissionAt = 0;
	/** What the follow-up on screen holds but has not sent (chips picked, text typed). */
	private unsent: (() => { values: Answers; phoneConsent: boolean }) | null = null;
	private idleTimer: ReturnType<typeof setTimeout> | undefined;
	private thanksTimer: ReturnType<typeof setTimeout> | undefined;
	private waitTimer: ReturnType<typeof setTimeout> | undefined;

	private sync = new Sync({
		device: () => this.device,
		appVersion: version,
		hasConfig: () => this.config !== null,
		onUnauthorized: () => void this.deactivate(),
		onConfig: (config) => void this.useConfig(config),
		onSynced: (at) => {
			this.lastSync = at.toISOString();
			void outbox.setMeta('lastSync', this.lastSync);
		},
		onQueue: (c) => {
			this.pending = c.pending;
			this.rejected = c.rejected;
		}
	});

	get settings() {
		return this.config?.kiosk.settings ?? null;
	}

	async start(code: string | null): Promise<void> {
		// Chromium grants this silently to an installed or much-used site; refusal is harmless.
		void navigator.storage?.persist?.().catch(() => false);
		const draftsAt = await outbox.promoteDrafts();
		const [device, config, inactive, lastSync, lastSubmissionAt] = await Promise.all([
			outbox.getMeta('device'),
			outbox.getMeta('config'),
			outbox.getMeta('inactive'),
			outbox.getMeta('lastSync'),
			outbox.getMeta('lastSubmissionAt')
		]);
		this.device = device ?? null;
		this.config = config ?? null;
		this.lastSync = lastSync ?? null;
		this.lastSubmissionAt = Math.max(lastSubmissionAt ?? 0, draftsAt);
		await this.refreshCounts();
		if (!this.device) {
			this.pairCode = code ?? '';
			this.screen = 'pair';
		} else if (inactive) {
			this.pairCode = code ?? '';
			this.showInactive('unauthorized');
		} else {
			this.showHome();
			this.sync.start();
		}
	}

	destroy(): void {
		this.sync.stop();
		for (const timer of [this.idleTimer, this.thanksTimer, this.waitTimer]) clearTimeout(timer);
	}

	/** Returns what went wrong, or null once paired. */
	async pair(raw: string): Promise<PairingProblem | null> {
		const result = await requestPairing(raw);
		if ('problem' in result) return result.problem;
		const device = result.device;
		// Answers given while paired as another kiosk must never be sent as this one's.
		await outbox.rejectForeign(device.kioskId);
		await outbox.setMeta('device', device);
		await outbox.deleteMeta('inactive');
		this.device = device;
		this.inactiveReason = null;
		this.pairCode = '';
		if (this.config && this.config.kiosk.id !== device.kioskId) this.config = null;
		void navigator.storage?.persist?.().catch(() => false);
		await this.refreshCounts();
		this.showHome();
		this.sync.start();
		return null;
	}

	/** Staff only, from the "not active" screen: forget the token and show the pairing screen. */
	async unpair(): Promise<void> {
		this.sync.stop();
		this.device = null;
		this.config = null;
		await Promise.all([
			outbox.deleteMeta('device'),
			outbox.deleteMeta('config'),
			outbox.deleteMeta('inactive')
		]);
		this.screen = 'pair';
	}

	setLocale(locale: KioskLocale): void {
		this.locale = locale;
	}

	/** One tap is a complete answer: it is in the outbox before anything else happens. */
	async tap(level: number): Promise<void> {
		const survey = this.config?.survey;
		if (this.screen !== 'question' || this.waiting || this.flow || !survey || !this.device) return;
		const def = survey.definition;
		const now = Date.now();
		const id = outbox.newEntryId();
		const entry: outbox.OutboxEntry = {
			id,
			kioskId: this.device.kioskId,
			state: 'draft',
			createdAt: now,
			attempts: 0,
			body: {
				id,
				surveyVersionId: survey.versionId,
				answers: { [def.mainQuestion]: level },
				startedAt: outbox.iso(now),
				submittedAt: outbox.iso(now),
				locale: this.locale
			}
		};
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, never rendered
		const flow: Flow = { entry, def, done: new Set([def.mainQuestion]) };
		this.flow = flow;
		await this.save(entry);
		if (this.flow === flow) this.advance();
	}

	/**
	 * Answers the current follow-up (keys left out count as skipped). The phone number is kept
	 * only with the consent box ticked; without it the number is not sent at all.
	 */
	async answer(values: Answers = {}, phoneConsent = false): Promise<void> {
		const flow = this.flow;
		const step = this.step;
		if (!flow || !step || this.screen !== 'step') return;
		this.unsent = null;
		this.keep(flow, step, values, phoneConsent);
		await this.save(flow.entry);
		if (this.flow === flow) this.advance();
	}

	/**
	 * The follow-up on screen tells what it holds but has not sent, so that a screen left alone
	 * keeps it when it times out. Cleared when the screen answers or goes.
	 */
	holdUnsent(read: () => { values: Answers; phoneConsent: boolean }): () => void {
		this.unsent = read;
		return () => {
			if (this.unsent === read) this.unsent = null;
		};
	}

	/** Puts a step's values into the flow's entry (keys left out count as skipped). */
	private keep(flow: Flow, step: Step, values: Answers, phoneConsent: boolean): void {
		const answers = { ...flow.entry.body.answers };
		for (const key of stepKeys(step)) {
			flow.done.add(key);
			const value = values[key];
			const blank =
				value === undefined ||
				(typeof value === 'string' && value.trim() === '') ||
				(Array.isArray(value) && value.length === 0);
			if (step.kind === 'comment' && key === step.phone?.key && !phoneConsent) continue;
			if (!blank) answers[key] = value;
		}
		const body = { ...flow.entry.body, answers, submittedAt: outbox.iso() };
		if (step.kind === 'comment' && step.phone && answers[step.phone.key] !== undefined) {
			body.phoneConsent = true;
		}
		flow.entry = { ...flow.entry, body };
	}

	/** Any touch or key on a follow-up screen keeps the flow alive. */
	activity(): void {
		if (this.screen === 'step') this.armIdle();
	}

	async testConnection(): Promise<'ok' | 'offline' | 'not_active'> {
		const result = await this.sync.heartbeat();
		await this.refreshCounts();
		return result;
	}

	private async save(entry: outbox.OutboxEntry): Promise<void> {
		try {
			// A reactive proxy (e.g. the chips a resident picked) cannot be cloned into IndexedDB.
			await outbox.saveEntry($state.snapshot(entry) as outbox.OutboxEntry);
		} catch (e) {
			// Storage full or broken: the flow goes on, and the next save of this entry tries again.
			console.error('kiosk: could not save the answer', e);
		}
	}

	private advance(): void {
		const flow = this.flow;
		const config = this.config;
		if (!flow || !config) return;
		const settings = config.kiosk.settings;
		const step = nextStep(flow.def, flow.entry.body.answers, flow.done, {
			askOfficer: settings.askOfficer && config.officers.length > 0,
			askProcedureField: settings.askProcedureField && config.procedureFields.length > 0,
			askDetailsAfter: settings.askDetailsAfter
		});
		if (!step) {
			void this.finish(true);
			return;
		}
		this.step = step;
		this.screen = 'step';
		this.armIdle();
	}

	/**
	 * A follow-up left alone ends at the thanks screen with what was given, the unsent part of the
	 * screen included, so that the next person never lands in this person's flow.
	 */
	private timeOut(): void {
		const flow = this.flow;
		const step = this.step;
		if (flow && step && this.unsent) {
			const { values, phoneConsent } = this.unsent();
			this.keep(flow, step, values, phoneConsent);
		}
		void this.finish(true);
	}

	/** Ends the flow: the entry becomes ready to send. An abandoned flow skips the thanks. */
	private async finish(completed: boolean): Promise<void> {
		clearTimeout(this.idleTimer);
		this.followUpEndsAt = 0;
		this.unsent = null;
		const flow = this.flow;
		if (!flow) return;
		this.flow = null;
		this.step = null;
		const now = Date.now();
		const entry: outbox.OutboxEntry = {
			...flow.entry,
			state: 'ready',
			body: { ...flow.entry.body, submittedAt: outbox.iso(now) }
		};
		this.lastSubmissionAt = now;
		this.updateWaiting();
		if (completed) this.showThanks();
		else this.toQuestion();
		await this.save(entry);
		void outbox.setMeta('lastSubmissionAt', now);
		await this.refreshCounts();
		this.sync.kick();
	}

	private armIdle(): void {
		clearTimeout(this.idleTimer);
		const ms = (this.settings?.followUpSeconds ?? 20) * 1000;
		this.followUpEndsAt = Date.now() + ms;
		this.idleTimer = setTimeout(() => this.timeOut(), ms);
	}

	private showThanks(): void {
		this.screen = 'thanks';
		clearTimeout(this.thanksTimer);
		const seconds = this.settings?.thanksSeconds ?? 5;
		this.thanksTimer = setTimeout(() => this.toQuestion(), seconds * 1000);
	}

	/** Back to the first screen, in Vietnamese for the next resident. */
	private toQuestion(): void {
		clearTimeout(this.thanksTimer);
		this.locale = 'vi';
		this.screen = 'question';
		this.updateWaiting();
	}

	private updateWaiting(): void {
		clearTimeout(this.waitTimer);
		const gap = (this.settings?.minIntervalSeconds ?? 0) * 1000;
		const left = gap > 0 ? this.lastSubmissionAt + gap + INTERVAL_MARGIN_MS - Date.now() : 0;
		this.waiting = left > 0;
		if (left > 0) this.waitTimer = setTimeout(() => (this.waiting = false), left);
	}

	/** The first screen the config allows: the question, or "not active" without a survey. */
	private showHome(): void {
		const survey = this.config?.survey;
		if (!this.config) this.screen = 'loading';
		else if (!survey || !mainQuestion(survey.definition)) this.showInactive('no_survey');
		else this.toQuestion();
	}

	private showInactive(reason: 'unauthorized' | 'no_survey'): void {
		clearTimeout(this.thanksTimer);
		clearTimeout(this.idleTimer);
		this.followUpEndsAt = 0;
		this.inactiveReason = reason;
		this.screen = 'inactive';
	}

	private async useConfig(config: KioskConfig): Promise<void> {
		this.config = config;
		await outbox.setMeta('config', config);
		if (this.screen === 'loading' || this.inactiveReason === 'no_survey') {
			this.inactiveReason = null;
			this.showHome();
		} else if (this.screen === 'question') {
			this.updateWaiting();
		}
	}

	/** A 401: the answer in progress is kept and the tablet stops taking new ones. */
	private async deactivate(): Promise<void> {
		await outbox.setMeta('inactive', true);
		if (this.flow) await this.finish(false);
		this.showInactive('unauthorized');
	}

	private async refreshCounts(): Promise<void> {
		const c = await outbox.counts();
		this.pending = c.pending;
		this.rejected = c.rejected;
	}
}
