import type { KioskSettings } from './kiosk-settings';
import type { SurveyDefinition } from './survey';

// The configuration the server sends a paired tablet (server/kiosk-config.ts builds it) and the
// kiosk's code keeps (lib/kiosk): the contract between the two sides, so it lives here.

/** Everything a paired tablet needs to take answers offline; cached by its service worker. */
export interface KioskConfig {
	kiosk: { id: string; name: string; settings: KioskSettings };
	unit: { code: string; name: string };
	counter: { number: number; name: string } | null;
	survey: { versionId: string; version: number; definition: SurveyDefinition } | null;
	officers: {
		id: string;
		fullName: string;
		title: string;
		initials: string;
		counterNumber: number | null;
	}[];
	procedureFields: { id: string; nameVi: string; nameEn: string | null }[];
	serverTime: string;
}
