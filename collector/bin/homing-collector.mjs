#!/usr/bin/env node
// The reference collector without the demo: `homing-collector --help` lists flags and variables.
import { configFromArgs, configHelp, createCollector, closeOnSignals, ConfigError } from '../dist/index.js';

// A configuration mistake is one line naming it, and a non-zero exit; anything else is a bug and
// keeps its stack trace.
function exitOnConfigError(error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`homing-collector: ${error.message.replace(/\s*\n\s*/g, ' ')} (homing-collector --help lists the settings)`);
  process.exit(2);
}

let config;
try {
  config = configFromArgs(process.argv.slice(2));
} catch (error) {
  exitOnConfigError(error);
}
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const logLevel = process.env.HOMING_LOG_LEVEL || 'info';
if (!LOG_LEVELS.includes(logLevel)) exitOnConfigError(new ConfigError(`HOMING_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`));
if (config.help) {
  console.log(configHelp);
  process.exit(0);
}
if (!config.adminToken) console.warn('homing-collector: no admin token (HOMING_ADMIN_TOKEN): the owner app (/app) and admin endpoints stay closed');
if (!Object.keys(config.writeKeys).length) console.warn('homing-collector: no write keys (HOMING_WRITE_KEYS): every event will be refused with 401');

const app = await createCollector({ config, logger: { level: logLevel } }).catch(exitOnConfigError);
closeOnSignals(app);
// A port taken or not allowed, or a host that is not this machine's, is a setting to fix too.
const address = await app.listen({ port: config.port, host: config.host }).catch(async (error) => {
  if (!['EADDRINUSE', 'EACCES', 'EADDRNOTAVAIL', 'ENOTFOUND'].includes(error.code)) throw error;
  await app.close();
  exitOnConfigError(new ConfigError(`cannot listen on ${config.host}:${config.port}: ${error.code}`));
});
console.log(`homing-collector listening on ${address} (${app.homing.db.dialect})`);
