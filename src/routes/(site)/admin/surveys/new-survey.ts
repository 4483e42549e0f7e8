import type { Locale } from '$lib/i18n';
import type { FormState } from '$lib/components/form/form-state';
import type { SurveyStart } from '$lib/server/survey-admin';
import type { UnitChoice } from '$lib/server/unit-choices';

/** What the create and import forms of the survey list take: the page's choices and its refusal. */
export interface NewSurveyProps {
	locale: Locale;
	create: {
		starts: { id: SurveyStart; name: string | null }[];
		owners: UnitChoice[];
		allowShared: boolean;
	};
	form: FormState | null | undefined;
}
