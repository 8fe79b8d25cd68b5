import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

/** The engine's name and version, recorded in every output for provenance. */
export const ENGINE = { name: manifest.name, version: manifest.version } as const;
