// A real SMTP server in the test process (smtp-server), keeping every message it accepts as the
// raw MIME and as mailparser reads it. `refuseNext(code)` makes it answer the next message's DATA
// with that code (a 4xx "try later" or a 5xx "no"), as a mail server refusing a message does.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
  user?: string;
}

export interface TestSmtpServer {
  url: string;
  port: number;
  received: ReceivedMail[];
  /** DATA attempts, accepted or refused. */
  attempts: number;
  refuseNext(code: number, count?: number): void;
  close(): Promise<void>;
}

export async function startSmtpServer(login?: { user: string; pass: string }): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refusals: number[] = [];
  const state = { attempts: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: login ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !login,
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.pass) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.attempts++;
        const refuse = refusals.shift();
        if (refuse) {
          const error = Object.assign(new Error(refuse >= 500 ? 'message refused' : 'try again later'), { responseCode: refuse });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({ raw, parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined });
            callback();
          },
          (error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  const auth = login ? `${encodeURIComponent(login.user)}:${encodeURIComponent(login.pass)}@` : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    port,
    received,
    get attempts() {
      return state.attempts;
    },
    refuseNext(code, count = 1) {
      refusals = [...refusals, ...Array(count).fill(code)];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
