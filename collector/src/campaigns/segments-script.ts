// The segment counter of ./segments.ts as a browser script, so an editor counts exactly as the
// sender does while the owner types: the very same functions, serialized, defining a global
// `countSegments(text)`. (Functions only: nothing here may use an import at run time.)
import { build, countSegments, GSM7_BASIC, GSM7_EXTENSION } from './segments.js';

export const SEGMENTS_SCRIPT = `(function () {
var basic = new Set(${JSON.stringify(GSM7_BASIC)});
var extension = new Set(${JSON.stringify(GSM7_EXTENSION)});
${build.toString()}
${countSegments.toString()}
self.countSegments = countSegments;
})();
`;
