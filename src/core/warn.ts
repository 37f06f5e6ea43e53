/** The one way Homing talks to a developer: a console warning prefixed with "homing:". */
/** Takes an error as it was caught too: it is shown as String() shows it. */
export const warn = (message: unknown): void => console.warn(`homing: ${message}`);
