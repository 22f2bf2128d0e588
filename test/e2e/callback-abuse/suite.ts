/**
 * The standing abuse suite for the callback endpoints of one runtime (issue 12): wrong and near-miss
 * secrets, hostile inputs, one event per accepted callback, and a process that survives all of it.
 * Counts are bounded (about 40 requests that must fail, 12 hostile ones, 10 harmless ones), every request
 * goes to 127.0.0.1, and nothing here asserts a time: scripts/bench/callbacks.ts prints the timings.
 */
import { badSecrets, harmless, hostileInputs, send, type CallbackTarget } from './attacks';
import { eventually, pause } from '../eventually';

const MINUTE = 60_000;

export function abuseSuite(title: string, start: () => Promise<CallbackTarget>, options: { n8n: boolean; startTimeoutMs: number }): void {
  describe(title, () => {
    let target: CallbackTarget;
    const answers: string[] = [];

    beforeAll(async () => {
      target = await start();
    }, options.startTimeoutMs);

    afterAll(async () => {
      await target?.stop();
    }, MINUTE);

    it('answers 401 to every wrong or near-miss secret and starts nothing', async () => {
      const before = target.events().length;
      const probes = badSecrets(target);
      const seen: Array<[string, number]> = [];
      for (const probe of probes) {
        const answer = await send(probe);
        answers.push(answer.text);
        seen.push([probe.label, answer.status]);
      }
      expect(seen).toEqual(probes.map((probe) => [probe.label, 401]));
      await pause(1500);
      expect(target.events()).toHaveLength(before);
    }, 3 * MINUTE);

    it('refuses every hostile input with its 400, 401 or 413, emits nothing, and stays up', async () => {
      const before = target.events().length;
      const seen: Array<[string, number]> = [];
      const expected: Array<[string, number]> = [];
      for (const probe of hostileInputs(target, { n8n: options.n8n })) {
        const answer = await send(probe);
        answers.push(answer.text);
        seen.push([probe.label, answer.status]);
        // An allowed status is reported as itself, anything else as the first allowed one, so the diff names the probe.
        expected.push([probe.label, probe.expect.includes(answer.status) ? answer.status : probe.expect[0]]);
        expect(target.alive()).toBe(true);
      }
      expect(seen).toEqual(expected);
      await pause(1500);
      expect(target.events()).toHaveLength(before);
    }, 5 * MINUTE);

    it('emits exactly one event per accepted callback, each with its own message id', async () => {
      const before = target.events().length;
      const ids = Array.from({ length: 10 }, (_, i) => `abuse-accepted-${Date.now()}-${i}`);
      for (const id of ids) {
        const answer = await send(harmless(target, id));
        answers.push(answer.text);
        expect(answer.status).toBe(200);
      }
      await eventually('the ten events', () => (target.events().length >= before + ids.length ? true : undefined), MINUTE);
      await pause(1500);
      const emitted = target.events().slice(before);
      expect(emitted.map((event) => event.messageId).sort()).toEqual([...ids].sort());
      expect(emitted.every((event) => event.type === 'message.status' && event.state === 'delivered')).toBe(true);
    }, 3 * MINUTE);

    it('is still running and still takes callbacks after all of it', async () => {
      expect(target.alive()).toBe(true);
      const id = `abuse-after-${Date.now()}`;
      expect((await send(harmless(target, id))).status).toBe(200);
      await eventually('the event after the attacks', () => target.events().find((event) => event.messageId === id), MINUTE);
    }, 2 * MINUTE);

    it('never shows the secret in an answer, an event or the log', () => {
      for (const text of answers) expect(text).not.toContain(target.secret);
      expect(JSON.stringify(target.events())).not.toContain(target.secret);
      expect(target.logs()).not.toContain(target.secret);
    });
  });
}
