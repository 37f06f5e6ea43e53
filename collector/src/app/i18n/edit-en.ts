// English texts of the editing pages (campaigns, offers, blacklist, stores, settings history):
// kept apart from en.ts so those pages add their keys without touching the shell's catalogue.
export const editEn = {} as const;
