// What Segment's analytics.js and RudderStack's JS SDK send, made into Homing events
// (PROTOCOL.md section 5): `originalTimestamp` when `timestamp` is absent, identify traits from
// `context.traits`, the event type from a single-event endpoint, and nulls where the protocol
// has optional fields.
export type EventType = 'track' | 'identify' | 'page';

export function normalizeEvent(raw: unknown, impliedType?: EventType): Record<string, unknown> | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'event must be an object';
  const event: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (event.type === undefined && impliedType) event.type = impliedType;
  if (event.timestamp === undefined && typeof event.originalTimestamp === 'string') event.timestamp = event.originalTimestamp;
  if (event.name === null) delete event.name;
  if (event.anonymousId === null) delete event.anonymousId;
  if (event.properties === null) delete event.properties;
  if (event.type === 'identify') {
    const context = event.context as Record<string, unknown> | undefined;
    const contextTraits = context && typeof context === 'object' ? context.traits : undefined;
    if (contextTraits && typeof contextTraits === 'object' && !Array.isArray(contextTraits)) {
      const own = event.traits && typeof event.traits === 'object' ? (event.traits as object) : {};
      event.traits = { ...(contextTraits as object), ...own };
    }
  }
  return event;
}
