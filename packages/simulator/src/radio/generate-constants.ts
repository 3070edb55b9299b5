/**
 * Re-fits the radio model from the shared data and rewrites `fitted-constants.ts`.
 * Run: `npx tsx packages/simulator/src/radio/generate-constants.ts` (then `npx prettier --write`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { radioDataPaths } from './data-paths.ts';
import { fitRadioConstants } from './fit.ts';

const constants = fitRadioConstants(radioDataPaths());
const target = fileURLToPath(new URL('./fitted-constants.ts', import.meta.url));
const body = `/**
 * Radio constants fitted by \`fit.ts\` to the shared measured data; written by
 * \`generate-constants.ts\`, checked by \`fit.test.ts\`. Do not edit by hand.
 */
import type { RadioConstants } from './types.ts';

/** The fitted radio model the simulator uses by default. */
export const FITTED_RADIO_CONSTANTS: RadioConstants = ${JSON.stringify(constants, null, 2)};
`;
writeFileSync(target, body);
console.log(`wrote ${target}`);
