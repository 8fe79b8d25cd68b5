import { describe, expect, it } from 'vitest';
import { checkScenarioText, loadExperimentFile, loadScenarioFile, ScenarioError } from '../../src/index.js';
import type { ScenarioIssue } from '../../src/index.js';
import { checkScenarioFile } from '../../src/scenario/load.js';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/source.js';
import { EARTHQUAKE_TEXT, tempDir, tempFile } from './helpers.js';

/** Hostile or broken input: one clear positioned error each, within a second, no process state touched. */

/** CPU time of `work` in ms: unlike wall time, not inflated when other processes load the machine. */
function timed<T>(work: () => T): { result: T; ms: number } {
  const start = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(start);
  return { result, ms: (used.user + used.system) / 1000 };
}

function onlyError(issues: ScenarioIssue[]): ScenarioIssue {
  expect(issues).toHaveLength(1);
  expect(issues[0]!.severity).toBe('error');
  return issues[0]!;
}

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

describe('hostile scenario text', () => {
  const cases: { name: string; text: string; code: string; message: RegExp; line?: number }[] = [
    { name: 'aliases expanding without bound (billion laughs)', text: BILLION_LAUGHS, code: 'yaml.aliases', message: /aliases expand too much .*billion laughs/, line: 2 },
    { name: 'deeply nested flow collections', text: `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, code: 'yaml.too_deep', message: /nesting deeper than 64 levels/, line: 1 },
    { name: 'deeply nested block mappings', text: Array.from({ length: 300 }, (_, depth) => `${' '.repeat(depth)}k:`).join('\n'), code: 'yaml.too_deep', message: /nesting deeper than 64 levels/ },
    { name: 'a huge file', text: `# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`, code: 'file.too_large', message: /file is too large \(\d+ bytes; the limit is 262144 bytes\)/, line: 1 },
    { name: 'binary garbage', text: `id: x\n\u0000\u0001\u0002\u00ff garbage`, code: 'file.binary', message: /binary data \(character U\+0000\)/, line: 2 },
    { name: 'an empty file', text: '', code: 'file.empty', message: /empty file: a scenario needs at least id, name, nations and crisis/, line: 1 },
    { name: 'a file of comments only', text: '# nothing yet\n\n# still nothing\n', code: 'file.empty', message: /empty file/, line: 1 },
    { name: 'a YAML syntax error', text: 'id: x\nname: [unclosed\n', code: 'yaml.syntax', message: /./ },
    { name: 'a duplicate key', text: 'id: x\nid: y\n', code: 'yaml.syntax', message: /unique/i },
  ];
  for (const { name, text, code, message, line } of cases) {
    it(`${name}: one clear error within a second`, () => {
      const { result, ms } = timed(() => checkScenarioText(text, 'hostile.yaml'));
      expect(ms).toBeLessThan(1000);
      expect(result.scenario).toBeUndefined();
      const issue = onlyError(result.issues);
      expect(issue.code).toBe(code);
      expect(issue.message).toMatch(message);
      expect(issue.file).toBe('hostile.yaml');
      if (line !== undefined) expect(issue.position.line).toBe(line);
    });
  }

  it('the largest file accepted still loads within a second', () => {
    const padding = `# ${'x'.repeat(MAX_SCENARIO_BYTES - EARTHQUAKE_TEXT.length - 20)}\n`;
    const { result, ms } = timed(() => checkScenarioText(padding + EARTHQUAKE_TEXT, 'big.yaml'));
    expect(result.scenario?.id).toBe('caribbean-earthquake');
    expect(ms).toBeLessThan(1000);
  });

  it('__proto__ and constructor keys are unknown fields and pollute nothing', () => {
    const text = EARTHQUAKE_TEXT.replace('horizonHours: 4320', '__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\nhorizonHours: 4320').replace(
      '    interests: { humanitarian: 1, security: 0.4 }',
      '    interests: { humanitarian: 1, security: 0.4, __proto__: { polluted: true } }',
    );
    const { issues } = checkScenarioText(text, 'proto.yaml');
    expect(issues.map((issue) => `${issue.position.line} ${issue.message.split(';')[0]!}`).sort()).toEqual([
      '22 unknown field "__proto__"',
      '23 unknown field "constructor"',
      '28 unknown field "__proto__"',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('hostile scenario files', () => {
  it('a UTF-16 file is named as such', () => {
    const file = tempFile('utf16.yaml', Buffer.from(`\ufeff${EARTHQUAKE_TEXT}`, 'utf16le'));
    const issue = onlyError(checkScenarioFile(file).issues);
    expect(issue).toMatchObject({ code: 'file.encoding', message: 'file is UTF-16 encoded; save it as UTF-8', file });
  });

  it('invalid UTF-8 (a Latin-1 file) is positioned at the first bad byte', () => {
    const file = tempFile('latin1.yaml', Buffer.from('id: x\nname: Caf\u00e9 du monde\n', 'latin1'));
    const issue = onlyError(checkScenarioFile(file).issues);
    expect(issue).toMatchObject({ code: 'file.encoding', position: { line: 2, col: 10 } });
    expect(issue.message).toBe('invalid UTF-8 (byte 0xe9); save the file as UTF-8');
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    const file = tempFile('bom.yaml', `\ufeff${EARTHQUAKE_TEXT}`);
    expect(loadScenarioFile(file).scenario.id).toBe('caribbean-earthquake');
  });

  it('a huge file is refused before it is read', () => {
    const file = tempFile('huge.yaml', Buffer.alloc(50 * 1024 * 1024, 0x61));
    const { result, ms } = timed(() => checkScenarioFile(file));
    expect(ms).toBeLessThan(1000);
    expect(onlyError(result.issues).code).toBe('file.too_large');
  });

  it('a missing file and a directory are clear errors, thrown as ScenarioError by the loader', () => {
    expect(() => loadScenarioFile('/nonexistent/scenario.yaml')).toThrow(ScenarioError);
    expect(onlyError(checkScenarioFile('/nonexistent/scenario.yaml').issues).message).toBe('file not found');
    expect(onlyError(checkScenarioFile(tempFile('x', '').replace(/x$/, '')).issues).message).toBe('is a directory, not a file');
  });
});

describe('another file named by a scenario or an experiment', () => {
  // A stand-in for /etc/passwd: text that must never reach an error message.
  const SECRET = 'root:x:0:0:secret-line-of-another-file:/root:/bin/bash\n';

  it('extends: a file that is not a scenario is refused at extends, without quoting it', () => {
    const dir = tempDir();
    tempFile('passwd', SECRET, dir);
    const issues = checkScenarioFile(tempFile('variant.yaml', 'extends: passwd\nid: x\n', dir)).issues;
    const issue = onlyError(issues);
    expect(issue).toMatchObject({ code: 'extends.not_scenario', path: ['extends'], position: { line: 1, col: 10 } });
    expect(issue.message).toBe('base scenario "passwd" is not a scenario: expected a mapping of fields (key: value), got plain text, not YAML fields (is it the right file?)');
  });

  it('an experiment\'s scenarios entry naming a text file shows what it is, not what it says', () => {
    const dir = tempDir();
    tempFile('passwd', SECRET, dir);
    const experiment = tempFile('e.yaml', 'id: e\nname: e\nquestion: q\nscenarios: [passwd]\ndesign: full-factorial\nseed: 1\nreplications: 2\nfactors: []\n', dir);
    const error = (() => {
      try {
        loadExperimentFile(experiment);
      } catch (caught) {
        return caught as ScenarioError;
      }
      throw new Error('the experiment loaded');
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    const messages = error.issues.map((issue) => issue.message).join('\n');
    expect(messages).toContain('got plain text, not YAML fields');
    expect(messages).not.toContain('root:x');
    expect(messages).not.toContain('secret');
  });
});
