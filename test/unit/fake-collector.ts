// A fetch/sendBeacon pair for unit tests: records every body and answers as the test says.
import type { HomingEvent } from '../../src/protocol/types.js';

export interface FakeAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class FakeCollector {
  readonly requests: { url: string; batch: HomingEvent[]; sentAt: string; writeKey: string }[] = [];
  readonly beacons: { url: string; batch: HomingEvent[] }[] = [];
  /** Answers for the next requests, in order; when empty every request gets a 200. */
  readonly answers: (FakeAnswer | 'network-error')[] = [];
  beaconAccepts = true;

  fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = JSON.parse(String(init?.body));
    this.requests.push({ url: String(url), ...body });
    const answer = this.answers.shift() ?? { status: 200 };
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    const json = answer.body ?? (answer.status < 300 ? { accepted: body.batch.length, duplicates: 0, rejected: [] } : { error: 'nope' });
    return new Response(JSON.stringify(json), { status: answer.status, headers: answer.headers });
  };

  sendBeacon = (url: string, body: string): boolean => {
    if (!this.beaconAccepts) return false;
    this.beacons.push({ url, batch: JSON.parse(body).batch });
    return true;
  };

  /** Every event that reached the collector with a 2xx, by messageId. */
  delivered(): HomingEvent[] {
    return this.requests.flatMap((r, i) => (this.statuses[i] < 300 ? r.batch : []));
  }

  private statuses: number[] = [];
  constructor() {
    const fetch = this.fetch;
    this.fetch = async (url, init) => {
      try {
        const response = await fetch(url, init);
        this.statuses.push(response.status);
        return response;
      } catch (error) {
        this.statuses.push(0);
        throw error;
      }
    };
  }
}
