/**
 * Strings that YAML readers are known to misread when written plain: each must come back
 * unchanged from `emitDocument` through YAML 1.1 and YAML 1.2 readers, as values and as keys.
 */

/** Words and numbers that YAML 1.1 or 1.2 reads as bool, null, int, float or timestamp. */
// prettier-ignore
export const TYPED_LOOKALIKES: readonly string[] = [
  'y', 'Y', 'n', 'N', 'yes', 'Yes', 'YES', 'no', 'No', 'NO',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  '~', 'null', 'Null', 'NULL', '',
  '0', '8080', '-1', '+12', '0755', '08', '0o17', '0x1F', '-0x1F', '0b101', '1_000', '0_', '1__0',
  '12:30', '190:20:30', '-1:30', '1:20.5',
  '1e3', '1E3', '-1e3', '1e+21', '1e-07', '.5', '+.5', '1.', '0.', '1.5', '.', '1.2345675e+06',
  '.inf', '.Inf', '.INF', '-.inf', '+.inf', '-.Inf', '.nan', '.NaN', '.NAN',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-15T02:59:43.1Z',
  '<<', '=',
];

/** Strings whose first or last character, or an inner sequence, is YAML syntax. */
// prettier-ignore
export const SYNTAX_LOOKALIKES: readonly string[] = [
  '-', '-x', '- x', '?', '? x', '?x', ':', ':x', ': x', ',x', '[x]', ']', '{x}', '}', '#x', '&a', '*a', '!x', '!!str',
  '|', '|x', '>', '>x', "'x", '"x', '%x', '@x', '`x', 'a: b', 'a:', 'a #b', 'a#b', 'a:b', 'x,y',
  '---', '--- x', '...', '... x', ' lead', 'trail ', ' both ', 'trail\t', '\tlead', 'tab\there',
  "it's", 'say "hi"', 'back\\slash', '"', "'", '\\', 'C:\\path\\"q"',
];

/** Control characters, non-printable code points, unpaired surrogates, unicode and emoji. */
// prettier-ignore
export const CHARACTER_HAZARDS: readonly string[] = [
  '\u0000', 'bell\u0007', 'esc\u001b[0m', 'del\u007f', 'nel\u0085x', 'nbsp\u00a0x', '\u00a0lead',
  'ls\u2028x', 'ps\u2029x', '\ufeffbom', 'bom\ufeff', '\ud800', 'x\udc00y', 'cr\rx', 'crlf\r\nx',
  'naïve café', '日本語', 'Ünïcödé: ok', '😀', 'smile 😀 here', 'zero\u200bwidth', '\ufffd', '\uffff',
];

/** Multi-line strings in the shapes that pick `|`, `|-`, `|+` or double quotes. */
// prettier-ignore
export const MULTI_LINE: readonly string[] = [
  'a\nb', 'a\nb\n', 'a\nb\n\n', 'a\nb\n\n\n', '\n', '\n\n', '\na', '\n\na\n', 'a\n\nb',
  ' a\nb', '  indented\nnext\n', 'a\n b\n', 'a \nb', 'a\nb ', 'a\t\nb', 'a\n\tb\n', 'key: value\n# comment\n',
  '---\nx: 1\n', 'a\r\nb\r\n', 'a\n\n', 'x\n\u0085y',
];

/** Long strings: no folding, so they stay one line. */
export const LONG: readonly string[] = ['x'.repeat(200), 'word '.repeat(40).trim(), `${'long line with spaces and: colons '.repeat(5).trim()}\n${'second '.repeat(30)}end\n`];

/** Everyday values that must stay plain, as `kubectl kustomize` writes them. */
// prettier-ignore
export const ORDINARY: readonly string[] = [
  '25%', '500m', '1.0.3', 'nginx:1.14.2', 'registry.example.com/shop/x:1.0.0', '/healthz',
  'app.kubernetes.io/name', 'http://example.com:8080/x?y=1#z', 'a b c', 'tRue', 'yES', 'nO', '1.2.3', '1,000',
];

/** Every hazardous string above. */
export const ALL_HAZARDS: readonly string[] = [...TYPED_LOOKALIKES, ...SYNTAX_LOOKALIKES, ...CHARACTER_HAZARDS, ...MULTI_LINE, ...LONG, ...ORDINARY];
