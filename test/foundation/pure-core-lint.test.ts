import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The pure core must stay free of Electron and the file system; this proves the lint rule bites.
const lint = async (file: string, code: string) => {
  const eslint = new ESLint();
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('pure-core import rule', () => {
  const pureFiles = [
    'electron/emulator/probe.ts',
    'electron/ale/probe.ts',
    'electron/preprocessing/probe.ts',
    'electron/agent/probe.ts',
    'electron/replay/probe.ts',
    'electron/trainer/training-loop.ts',
  ];
  for (const file of pureFiles) {
    it(`refuses electron and node:fs in ${file}`, async () => {
      expect(await lint(file, "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
      expect(
        await lint(file, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"),
      ).toHaveLength(1);
      expect(await lint(file, "import { readFile } from 'fs/promises';\nexport const r = readFile;\n")).toHaveLength(1);
    });
  }

  it('allows them outside the pure core', async () => {
    expect(
      await lint('electron/runs/probe.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n"),
    ).toEqual([]);
  });
});
