import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyDocumentData } from '../../src/site/api-files';

const seedsData = path.resolve('content', 'data');
const seedIds = (JSON.parse(fs.readFileSync(path.join(seedsData, 'index.json'), 'utf8')) as { documents: { id: string }[] }).documents.map((d) => d.id);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tiaowen-api-'));
afterEach(() => fs.rmSync(path.join(out, 'api'), { recursive: true, force: true }));

describe('copyDocumentData', () => {
  it('writes api/docs/<id>.json byte for byte for each document of the bundled data', () => {
    expect(seedIds.length).toBeGreaterThan(0);
    expect(copyDocumentData(seedIds, seedsData, out)).toBe(seedIds.length);
    expect(fs.readdirSync(path.join(out, 'api', 'docs')).sort()).toEqual(seedIds.map((id) => `${id}.json`).sort());
    for (const id of seedIds) {
      expect(fs.readFileSync(path.join(out, 'api', 'docs', `${id}.json`)).equals(fs.readFileSync(path.join(seedsData, 'docs', `${id}.json`))), id).toBe(true);
    }
  });

  it('refuses, naming them, documents that have no data file, and writes nothing', () => {
    expect(() => copyDocumentData([seedIds[0]!, '不存在的文件', 'gone-2024'], seedsData, out)).toThrow(
      'data/index.json lists documents without data/docs/<id>.json: 不存在的文件, gone-2024',
    );
    expect(fs.existsSync(path.join(out, 'api'))).toBe(false);
  });
});
