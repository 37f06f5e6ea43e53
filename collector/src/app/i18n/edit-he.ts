// The editing pages' texts in this language (keys: edit-en.ts).
import type { editEn } from './edit-en.js';

export const editHe: Record<keyof typeof editEn, string> = {};
