// Script-tag entry (placeholder until the client lands).
export {};
