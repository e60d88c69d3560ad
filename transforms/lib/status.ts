/**
 * HTTP status arguments. Only an integer literal from 100 to 599 is a status: Express 5 sends any
 * other number as a JSON body, so nothing else may be rewritten as one.
 */
import type * as t from '@babel/types';
import { getPropertyName, unwrap } from './modules';

const INTEGER_LITERAL = /^(?:[1-9][0-9_]*|0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+)$/;

/** The status an argument is, when it is an integer literal from 100 to 599, else null. */
export function getStatusLiteral(node: t.Node | null | undefined): number | null {
  if (!node || node.type !== 'NumericLiteral') return null;
  const raw = (node.extra?.raw as string | undefined) ?? String(node.value);
  if (!INTEGER_LITERAL.test(raw) || !Number.isInteger(node.value)) return null;
  return node.value >= 100 && node.value <= 599 ? node.value : null;
}

/** A number literal (`42`, `200`, `-1`). */
export function isNumberLiteral(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  if (inner.type === 'UnaryExpression' && (inner.operator === '-' || inner.operator === '+')) return inner.argument.type === 'NumericLiteral';
  return inner.type === 'NumericLiteral';
}

/** A value that certainly is not a number: a string, template, object, array or boolean literal. */
export function isNonNumberLiteral(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  const type = unwrap(node).type;
  return (
    type === 'StringLiteral' ||
    type === 'TemplateLiteral' ||
    type === 'ObjectExpression' ||
    type === 'ArrayExpression' ||
    type === 'BooleanLiteral' ||
    type === 'NullLiteral'
  );
}

const STATUS_NAME = /^_*(status|statusCode|httpStatus|httpCode|code|errorCode|errCode)$|(Status|StatusCode|HttpCode)$|^[A-Z_]*STATUS[A-Z_]*$/;
const STATUS_OBJECT = /status|http/i;

/**
 * Named like a status code (`status`, `code`, `err.statusCode`, `HTTP_STATUS`, `StatusCodes.OK`):
 * worth a finding when passed where Express 4 would take it for a status.
 */
export function looksLikeStatus(node: t.Node | null | undefined): boolean {
  if (!node) return false;
  const inner = unwrap(node);
  if (inner.type === 'Identifier') return STATUS_NAME.test(inner.name);
  if (inner.type !== 'MemberExpression' && inner.type !== 'OptionalMemberExpression') return false;
  const name = getPropertyName(inner);
  if (name !== null && STATUS_NAME.test(name)) return true;
  // StatusCodes.OK, HttpStatus.CREATED, httpStatus.NOT_FOUND
  return inner.object.type === 'Identifier' && STATUS_OBJECT.test(inner.object.name) && name !== null && /^[A-Z][A-Z0-9_]*$/.test(name);
}
