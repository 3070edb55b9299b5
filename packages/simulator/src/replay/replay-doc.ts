/**
 * Writes `docs/replay.md` from a replay of the phone logs: the method, every table and a
 * conclusion whose wording follows the measured numbers. Run:
 * `npx tsx packages/simulator/src/replay/replay-doc.ts ../shared/data/en-logs/mitll-ua`.
 */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { f1, percent, precision, recall, type Confusion } from '../metrics.ts';
import { replayLogs, type ReplayResults } from './replay.ts';
import { formatReplayTables } from './tables.ts';

const pr = (t: Confusion) => `precision ${percent(precision(t))}, recall ${percent(recall(t))}`;

/** The conclusion paragraph, phrased from the numbers rather than written in advance. */
export function conclusion(r: ReplayResults): string {
  const { cocoa, realApp, tunedInSample, tunedHeldOut } = r.confusion;
  const agree = r.rows.filter((x) => x.cocoa.contactDay === (x.case.reportedLevel === 'high'));
  const drop = f1(tunedInSample) - f1(tunedHeldOut);
  const overfit =
    drop > 0.05
      ? `Tuning over-fits: tuned and scored on the same runs it reaches ${pr(tunedInSample)}, but with each scenario held out only ${pr(tunedHeldOut)} (F1 ${f1(tunedInSample).toFixed(2)} → ${f1(tunedHeldOut).toFixed(2)}). The thresholds chosen also move from one held-out scenario to the next, so the in-sample numbers should not be quoted as what tuning would achieve in the field.`
      : `Tuning barely over-fits here: in-sample ${pr(tunedInSample)} against held-out ${pr(tunedHeldOut)}.`;
  const versus =
    f1(tunedHeldOut) > f1(cocoa)
      ? `Even held out, the tuned configuration trades recall for precision and has ${f1(tunedHeldOut) - f1(cocoa) < 0.05 ? 'an only marginally' : 'a clearly'} higher F1 (${f1(tunedHeldOut).toFixed(2)} against ${f1(cocoa).toFixed(2)} for COCOA's production values); whether that trade is wanted is a policy choice, since a missed contact and a needless notification do not cost the same.`
      : `Held out, the tuned configuration does not beat COCOA's production values (F1 ${f1(tunedHeldOut).toFixed(2)} against ${f1(cocoa).toFixed(2)}).`;
  const heldOut = r.rows.some((x) => x.tunedHeldOut !== undefined);
  return [
    `Our pipeline with COCOA's production configuration gives ${pr(cocoa)} against the geometric truth; the real EN apps, scored the same way ("high" = notified), give ${pr(realApp)}. Our verdict matches the real app's on ${agree.length} of ${r.rows.length} phones, which says the replay reproduces what the phones did.${cocoa.falsePositives > cocoa.truePositives ? ' Both notify many phones that never came within 6 ft for 15 minutes: in a bus or a small hall a phone hears the sick phone at low attenuation well beyond 6 ft.' : ''}`,
    ...(heldOut
      ? [overfit, versus]
      : [
          'With a single scenario nothing can be held out, so whether tuning over-fits is not measured here.',
        ]),
  ].join('\n\n');
}

/** The whole document. */
export function replayDocument(r: ReplayResults, folder: string): string {
  return `# Replay of real phone logs

The tables below are what \`npx tsx packages/cli/src/main.ts replay ${folder}\` prints; this
page was written from the same replay by
\`npx tsx packages/simulator/src/replay/replay-doc.ts ${folder}\`.

A log that cannot be read — a malformed line, a missing file, an empty file or one that is not
a dumpsys log, an unknown phone id, or a value no phone can report (a date the calendar does not
have; an RSSI, \`rssi_offset\` or TX power outside what a Bluetooth radio reports, as set out in
\`radio-limits.ts\`) — is named with its file and line on the error stream and
under "Not replayed"; every other run is still scored, and the command then exits with code 1
(\`REPLAY_INCOMPLETE\`) so a script notices. A folder in which no phone log can be replayed, such
as a scenario folder with only its setup, prints no tables and exits with code 1
(\`REPLAY_NOTHING_REPLAYED\`), naming each scenario and why.

## What is replayed

The MITLL-UA logs hold six scenarios × three runs (2021) of Android and iPhone phones running
the real Exposure Notification apps at known positions, with one phone marked "sick". For every
receiving Android phone we take its sightings of the sick phone's RPIs, compute each reading's
attenuation as the sick phone's TX power minus (RSSI + the receiver's \`rssi_offset\`), group
the readings by scan into ScanInstances (typical = rounded mean, minimum, seconds since the
phone's previous scan, capped at 300 s), cut them into ExposureWindows of at most 30 minutes
and run the protocol package's \`dailySummaries\` and \`isContactDay\`.

- **TX power of the sick phone**: from the plaintext metadata of its own advertisement of that
  RPI; for reconstructed iPhone records (metadata marked \`fake\`) from the log's
  \`tx_calibration_power\` flag, else the setup's \`tx\` field (0 dBm for every iPhone here), so
  runs with an iPhone as the sick phone carry an assumed TX power.
- **Real app's level**: \`realExposure\` where the run file corrects it, else \`exposure\`.
- **Geometric truth**: from the setup's positions (feet) per transition minute, a phone is a
  close contact when it was within 6 ft (1.83 m) of the sick agent for at least 15 whole
  minutes of the run.
- **Configurations**: COCOA production (thresholds 46/60/65 dB, weights 1.0/2.5/1.3/0.01,
  day when scoreSum ≥ 1350 and ≥ 900 s); the scenario's own thresholds (weights 1/1/0.5/0, day at
  15 weighted minutes); and a configuration tuned for F1 over a small grid (where "near" ends,
  an optional half-weight band, the weighted minutes that make a day), once on all scenarios
  (in-sample) and once per scenario with that scenario held out.
- iPhone receivers' logs hold no sightings, so they get no verdict and are listed at the end.

## Conclusion

${conclusion(r)}

## Tables

${formatReplayTables(r)}
`;
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url);
if (isMain) {
  const folder = process.argv[2] ?? '../shared/data/en-logs/mitll-ua';
  const target = path.resolve(process.argv[3] ?? 'docs/replay.md');
  const results = replayLogs(folder);
  const text = replayDocument(results, folder);
  // Written beside the target and renamed, so an interrupted run leaves the old file intact.
  writeFileSync(`${target}.tmp`, text);
  renameSync(`${target}.tmp`, target);
  console.log(`wrote ${target}`);
}
