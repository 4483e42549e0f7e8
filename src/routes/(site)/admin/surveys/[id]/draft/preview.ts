import type { SurveyDefinition } from '$lib/domain/survey-model';
import type { KioskLocale } from '$lib/kiosk/messages';
import type { Translate } from '$lib/components/form/form-state';

/** What both previews take: the definition being edited, the language shown, the admin's words. */
export interface PreviewProps {
	def: SurveyDefinition;
	locale: KioskLocale;
	t: Translate;
}
