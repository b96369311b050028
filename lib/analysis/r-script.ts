// read.R: reads long.csv and wide.csv with readr, each column with the dictionary's type;
// codes become factors labelled in words, yes/no logical, and every column carries its label
// in attr(x, "label"). Base R and readr only. The script is ASCII: other characters are
// written as R's \u{...} escapes, so it reads the same whatever the session's encoding.

import { aboutLines, type ScriptAbout } from './about';
import { labelWithUnit, type ColumnSpec, type ColumnType } from './columns';
import type { AnalysisTable } from './files';

/** A string literal of R. */
export function rString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp < 0x7f) out += ch;
    else out += cp > 0xffff ? `\\U{${cp.toString(16)}}` : `\\u{${cp.toString(16)}}`;
  }
  return `${out}"`;
}

const COLLECTORS: Record<ColumnType, string> = {
  text: 'col_character()',
  integer: 'col_integer()',
  number: 'col_double()',
  date: 'col_date(format = "%Y-%m-%d")',
  code: 'col_character()',
  yesno: 'col_integer()',
};

const vector = (items: readonly string[]) => `c(${items.map(rString).join(', ')})`;

/** A comment line, ASCII (the windows' ranges are written with a dash). */
const comment = (line: string) => `# ${line.replace(/\u2013/g, '-')}`.trimEnd();

function convert(table: AnalysisTable, column: ColumnSpec): string | null {
  const x = `${table.name}$${column.name}`;
  if (column.type === 'yesno') return `${x} <- as_yes_no(${x}, ${rString(column.name)})`;
  if (column.type !== 'code') return null;
  const codes = column.codes ?? [];
  return `${x} <- as_code(${x}, ${vector(codes.map((c) => c.code))}, ${vector(codes.map((c) => c.label))}, ${rString(column.name)})`;
}

function readTable(table: AnalysisTable): string[] {
  const { name, file, columns } = table;
  const list = (entries: string[]) => entries.map((e, i) => `  ${e}${i < entries.length - 1 ? ',' : ''}`);
  return [
    `${name} <- read_analysis(${rString(file)}, list(`,
    ...list(columns.map((c) => `${c.name} = ${COLLECTORS[c.type]}`)),
    '))',
    ...columns.flatMap((c) => convert(table, c) ?? []),
    `${name} <- set_labels(${name}, c(`,
    ...list(columns.map((c) => `${c.name} = ${rString(labelWithUnit(c))}`)),
    '))',
  ];
}

export function rScript(tables: readonly AnalysisTable[], about: ScriptAbout): string {
  return [
    ...aboutLines('read.R', tables, about).map(comment),
    '#',
    '# Needs R 4.1 or later and the readr package (install.packages("readr")). Run it in the folder',
    '# that holds the files, or set `folder` to that folder first, then source("read.R").',
    '# Leaves two data frames, long and wide: codes as factors (levels in the dictionary\'s order,',
    '# labelled in words), yes/no as logical, dates as Date, each column labelled in attr(x, "label").',
    '',
    'library(readr)',
    'if (!exists("folder")) folder <- "."',
    '',
    '# One file with the dictionary\'s types; a file whose columns or cells differ from it is refused.',
    'read_analysis <- function(file, types) {',
    '  data <- read_csv(file.path(folder, file), col_types = do.call(cols, types), na = "", progress = FALSE)',
    '  if (!identical(names(data), names(types))) stop(file, ": its columns are not those of the dictionary")',
    '  if (nrow(problems(data)) > 0) {',
    '    print(problems(data))',
    '    stop(file, ": some cells are not of their column\'s type")',
    '  }',
    '  data',
    '}',
    '',
    'as_code <- function(x, codes, labels, column) {',
    '  unknown <- setdiff(unique(x[!is.na(x)]), codes)',
    '  if (length(unknown) > 0) stop(column, ": not a code of the dictionary: ", paste(unknown, collapse = ", "))',
    '  factor(x, levels = codes, labels = labels)',
    '}',
    '',
    'as_yes_no <- function(x, column) {',
    '  if (any(!is.na(x) & !(x %in% c(0L, 1L)))) stop(column, ": holds a value other than 0 and 1")',
    '  x == 1L',
    '}',
    '',
    'set_labels <- function(data, labels) {',
    '  for (name in names(labels)) attr(data[[name]], "label") <- labels[[name]]',
    '  data',
    '}',
    ...tables.flatMap((t) => ['', comment(`${t.file}: ${t.what}`), ...readTable(t)]),
    '',
  ].join('\n');
}
