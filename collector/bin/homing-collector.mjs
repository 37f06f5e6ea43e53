#!/usr/bin/env node
// The reference collector without the demo: `homing-collector --help` lists flags and variables.
import { configFromArgs, configHelp, createCollector, closeOnSignals } from '../dist/index.js';

let config;
try {
  config = configFromArgs(process.argv.slice(2));
} catch (error) {
  console.error(`homing-collector: ${error.message}\n\n${configHelp}`);
  process.exit(2);
}
if (config.help) {
  console.log(configHelp);
  process.exit(0);
}
if (!config.adminToken) console.warn('homing-collector: no admin token (HOMING_ADMIN_TOKEN): /dashboard and admin endpoints stay closed');
if (!Object.keys(config.writeKeys).length) console.warn('homing-collector: no write keys (HOMING_WRITE_KEYS): every event will be refused with 401');

const app = await createCollector({ config, logger: { level: process.env.HOMING_LOG_LEVEL ?? 'info' } });
closeOnSignals(app);
const address = await app.listen({ port: config.port, host: config.host });
console.log(`homing-collector listening on ${address} (${app.homing.db.dialect})`);
