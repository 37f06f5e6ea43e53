// The editing pages' texts in this language (keys: edit-en.ts).
import type { editEn } from './edit-en.js';

export const editFa: Record<keyof typeof editEn, string> = {};
