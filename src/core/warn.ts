/** The one way Homing talks to a developer: a console warning prefixed with "homing:". */
export const warn = (message: string): void => console.warn(`homing: ${message}`);
