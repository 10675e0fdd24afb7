"""Print CPython's AST of a file in the shape of gilpy_grammar::dump (see src/dump.rs).

usage: python3 tests/cpython_ast.py FILE [--positions]
Used while developing to compare gilpy's parser with CPython's; tests do not need it.
"""
import ast, json, struct, sys

SKIP = {'ctx', 'type_comment', 'kind', 'is_async', 'type_ignores'}
RENAME = {'decorator_list': 'decorator_list'}


def fbits(v):
    return '0x%016x' % struct.unpack('<Q', struct.pack('<d', v))[0]


def const(v):
    if v is None or v is True or v is False:
        return repr(v)
    if v is Ellipsis:
        return 'Ellipsis'
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return 'float(%s)' % fbits(v)
    if isinstance(v, complex):
        return 'complex(%s)' % fbits(v.imag)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, bytes):
        return 'bytes(%s)' % v.hex()
    raise TypeError(v)


def d(n, pos, in_f=0):
    if isinstance(n, list):
        return '[' + ', '.join(d(x, pos, in_f) for x in n) + ']'
    if n is None:
        return 'None'
    if isinstance(n, str):
        return json.dumps(n)
    if isinstance(n, int):
        return str(n)
    if isinstance(n, (ast.operator, ast.unaryop, ast.cmpop, ast.boolop)):
        return type(n).__name__ + '()'
    if isinstance(n, ast.Constant):
        s = 'Constant(value=%s)' % const(n.value)
    else:
        parts = []
        for f in n._fields:
            if f in SKIP:
                continue
            v = getattr(n, f)
            if isinstance(n, ast.JoinedStr):
                sub = d(v, pos, in_f + 1)
            elif isinstance(n, ast.FormattedValue) and f == 'value':
                sub = d(v, pos, in_f - 1)
            else:
                sub = d(v, pos, in_f)
            if isinstance(n, ast.FormattedValue) and f == 'conversion':
                sub = str(v)
            parts.append('%s=%s' % (f, sub))
        s = type(n).__name__ + '(' + ', '.join(parts) + ')'
    if pos and in_f == 0 and hasattr(n, 'lineno') and not isinstance(n, ast.Module):
        s += '@%d:%d-%d:%d' % (n.lineno, n.col_offset, n.end_lineno, n.end_col_offset)
    return s


if __name__ == '__main__':
    src = open(sys.argv[1], encoding='utf-8').read()
    tree = ast.parse(src)
    print(d(tree, '--positions' in sys.argv))
