/** Status arguments: which literals are statuses, which expressions look like one. */
import { parseSource } from '../../../transforms/lib/parse';
import { getStatusLiteral, isNonNumberLiteral, isNumberLiteral, looksLikeStatus } from '../../../transforms/lib/status';
import type * as t from '@babel/types';

function expression(code: string): t.Expression {
  const statement = parseSource(`(${code});`, 'ts').program.body[0];
  if (statement?.type !== 'ExpressionStatement') throw new Error('not an expression');
  return statement.expression;
}

describe('getStatusLiteral', () => {
  test.each<[string, number | null]>([
    ['200', 200],
    ['100', 100],
    ['599', 599],
    ['0x1F4', 500],
    ['99', null],
    ['600', null],
    ['42', null],
    ['200.5', null],
    ['200.0', null],
    ['2e2', null],
    ['"200"', null],
    ['code', null],
    ['-200', null],
  ])('%s', (code, expected) => {
    expect(getStatusLiteral(expression(code))).toBe(expected);
  });
});

describe('number literals', () => {
  test.each<[string, boolean, boolean]>([
    ['42', true, false],
    ['-1', true, false],
    ['"ok"', false, true],
    ['`ok ${x}`', false, true],
    ['{ a: 1 }', false, true],
    ['[1]', false, true],
    ['body', false, false],
    ['f()', false, false],
  ])('%s', (code, number, nonNumber) => {
    expect(isNumberLiteral(expression(code))).toBe(number);
    expect(isNonNumberLiteral(expression(code))).toBe(nonNumber);
  });
});

describe('looksLikeStatus', () => {
  test.each<[string, boolean]>([
    ['status', true],
    ['code', true],
    ['statusCode', true],
    ['err.statusCode', true],
    ['error.status', true],
    ['httpStatus', true],
    ['responseStatus', true],
    ['HTTP_STATUS', true],
    ['StatusCodes.OK', true],
    ['HttpStatus.NOT_FOUND', true],
    ['body', false],
    ['data', false],
    ['user.name', false],
    ['result.code.length', false],
    ['Config.DEFAULT', false],
  ])('%s', (code, expected) => {
    expect(looksLikeStatus(expression(code))).toBe(expected);
  });
});
