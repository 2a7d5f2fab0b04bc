import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from './format-detect.js';
import type { ImportFormat } from './format-detect.js';

const head = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/formats/contacts/${name}`, import.meta.url)).subarray(0, 4096).toString('latin1');

describe('detectFormat', () => {
  const check = (fileName: string, text: string, expected: ImportFormat | null) => expect(detectFormat(fileName, text)).toBe(expected);

  it.each<[string, ImportFormat | null]>([
    ['linkedin-2016.csv', 'linkedin'],
    ['linkedin-2018.csv', 'linkedin'],
    ['linkedin-2021.csv', 'linkedin'],
    ['linkedin-2024.csv', 'linkedin'],
    ['linkedin-excel.csv', 'linkedin'],
    ['google-current.csv', 'google-csv'],
    ['google-legacy.csv', 'google-csv'],
    ['outlook-com.csv', 'outlook-csv'],
    ['outlook-desktop-cp1252.csv', 'outlook-csv'],
    ['google-outlook-option.csv', 'outlook-csv'],
    ['thunderbird.csv', 'outlook-csv'],
    ['thunderbird-semicolon.csv', 'outlook-csv'],
    ['apple-ios.vcf', 'vcard'],
    ['thunderbird-lower.vcf', 'vcard'],
  ])('fixture %s → %s', (name, expected) => check('upload.bin', head(name), expected));

  it.each<[string, string, ImportFormat | null]>([
    ['x.csv', 'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n', 'linkedin-messages'],
    ['x.csv', '"CONVERSATION ID","CONVERSATION TITLE","FROM"\n', 'linkedin-messages'],
    ['Messages.csv', 'From,To,Date,Subject,Content,Direction,Folder\r\n', 'linkedin-messages'],
    ['a.txt', '\uFEFFBEGIN:VCALENDAR\r\nVERSION:2.0\r\n', 'ics'],
    ['a.txt', 'From abc@gmail.com Sun Dec 25 21:33:37 2011\n', 'mbox'],
    ['a.txt', 'From - Mon Jan 1 00:00:00 1996\n', 'mbox'],
    ['a.txt', '<?xml version="1.0"?>\n<rss version="2.0"><channel>', 'feed'],
    ['a.txt', '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">', 'feed'],
    ['a.txt', '{\n  "format": "kith-backup",\n  "version": 1\n}', 'json'],
    ['a.json', '{"other": 1}', 'json'],
    ['a.txt', '{"other": 1}', null],
    ['contacts.vcf', 'garbage', 'vcard'],
    ['cal.ICS', '', 'ics'],
    ['dir/Connections.csv', 'nothing useful', 'linkedin'],
    ['notes.txt', 'hello world', null],
    ['empty', '', null],
  ])('%s with %j → %s', check);
});
