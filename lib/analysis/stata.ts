// read.do: reads long.csv and wide.csv into Stata with the dictionary's labels and types and
// saves them as long.dta and wide.dta. Every column is read as text first and then converted
// as the dictionary says, so a cell that does not fit its column stops the do-file rather than
// being guessed: numbers by destring, dates by date(), codes by a value each, numbered in the
// dictionary's order and labelled in words; yes/no stays 0/1, labelled No/Yes.

import { aboutLines, type ScriptAbout } from './about';
import { labelWithUnit, YES_NO, type ColumnSpec } from './columns';
import type { AnalysisTable } from './files';

/**
 * A string of Stata in compound double quotes, which may hold any ". A $ or a ` would still
 * start a macro there, so they are escaped with a backslash.
 */
export function stataString(text: string): string {
  return `\`"${text.replace(/[$`]/g, (c) => `\\${c}`)}"'`;
}

const comment = (line: string) => `* ${line.replace(/\u2013/g, '-')}`.trimEnd();

/** `label define` of a code list: 1, 2, … in the list's order, each in words. */
function labelDefine(name: string, codes: ColumnSpec['codes'], first: number): string {
  return `label define ${name} ${(codes ?? []).map((c, i) => `${first + i} ${stataString(c.label)}`).join(' ')}, replace`;
}

/** A code column: a number per code, the codes' words as its value label; an unknown code stops the do-file. */
function encodeCode(column: ColumnSpec): string[] {
  const v = column.name;
  return [
    'quietly generate byte _code = .',
    ...(column.codes ?? []).map((c, i) => `quietly replace _code = ${i + 1} if ${v} == ${stataString(c.code)}`),
    `assert !missing(_code) if ${v} != ""`,
    `drop ${v}`,
    `rename _code ${v}`,
    labelDefine(v, column.codes, 1),
    `label values ${v} ${v}`,
  ];
}

function readTable(table: AnalysisTable): string[] {
  const { columns } = table;
  const names = (pick: (c: ColumnSpec) => boolean) => columns.filter(pick).map((c) => c.name);
  const numeric = names((c) => c.type === 'integer' || c.type === 'number' || c.type === 'yesno');
  const dates = names((c) => c.type === 'date');
  const yesNo = names((c) => c.type === 'yesno');
  const all = columns.map((c) => c.name).join(' ');
  return [
    `import delimited using ${stataString(table.file)}, clear varnames(1) case(preserve) encoding("utf-8") stringcols(_all) bindquotes(strict)`,
    `confirm variable ${all}`,
    `assert c(k) == ${columns.length}`,
    ...(numeric.length ? [`destring ${numeric.join(' ')}, replace`] : []),
    ...(dates.length
      ? [
          `foreach v in ${dates.join(' ')} {`,
          '    quietly generate double _date = date(`v\', "YMD")',
          '    assert !missing(_date) if `v\' != ""',
          "    drop `v'",
          "    rename _date `v'",
          "    format `v' %tdCCYY-NN-DD",
          '}',
        ]
      : []),
    ...columns.filter((c) => c.type === 'code').flatMap(encodeCode),
    ...(yesNo.length
      ? [
          labelDefine('yesno', YES_NO, 0),
          `foreach v in ${yesNo.join(' ')} {`,
          "    assert inlist(`v', 0, 1) | missing(`v')",
          "    label values `v' yesno",
          '}',
        ]
      : []),
    ...columns.map((c) => `label variable ${c.name} ${stataString(labelWithUnit(c))}`),
    `order ${all}`,
    `label data ${stataString(`${table.file}: ${table.what}`)}`,
    'compress',
    `save ${stataString(table.file.replace(/\.csv$/, '.dta'))}, replace`,
  ];
}

export function stataDoFile(tables: readonly AnalysisTable[], about: ScriptAbout): string {
  return [
    ...aboutLines('read.do', tables, about).map(comment),
    '*',
    '* Needs Stata 14 or later. Run it in the folder that holds the files: do read.do',
    '* Saves long.dta and wide.dta there and leaves wide in memory. Codes become numbers labelled',
    '* in words (1, 2, ... in the dictionary\'s order), yes/no 0/1 labelled No/Yes, dates Stata',
    '* dates; every variable is labelled.',
    '',
    'version 14',
    ...tables.flatMap((t) => ['', comment(`${t.file}: ${t.what}`), ...readTable(t)]),
    '',
  ].join('\n');
}
