// Messages of the people screens. Vietnamese defines the keys; English must have every one.
export const vi = {} as const;

export const en: Record<keyof typeof vi, string> = {};
