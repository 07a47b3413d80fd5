"""The part of XLSForm's XPath that skip logic and simple checks use, to and from our conditions.

Understood in ``relevant``: ``${q} = 'x'``, ``${q} != 'x'``, ``selected(${q}, 'x')``,
``${q} >= n`` (and <=, >, <), ``${q} = ''`` / ``!= ''`` (answered), ``count-selected(${q}) > 0``,
``int((today() - ${dob}) div 365.25) >= n`` and ``int(${age}) >= n`` (age tests), combined
with ``and``, ``or``, ``not()`` and brackets. In ``constraint``: ``. >= n`` / ``. <= n`` (number limits),
``string-length(.) <= n`` (text length) and ``not(selected(., 'x') and count-selected(.) > 1)``
(an option that must be ticked on its own). Anything else raises Unsupported, and the caller
reports what was skipped. pyxform's lexer splits the text; the small parser below is ours,
because pyxform checks expressions but does not parse them into a tree.
"""

from pyxform.parsing.expression import parse_expression

NUMERIC_TYPES = {"number", "scale", "grid"}
FLIP = {">=": "<=", "<=": ">=", ">": "<", "<": ">", "=": "=", "!=": "!="}
KINDS = {"PYXFORM_REF": "ref", "SYSTEM_LITERAL": "str", "NUMBER": "num", "OPS_COMP": "op", "OPS_BOOL": "name",
         "OPEN_PAREN": "punct", "CLOSE_PAREN": "punct", "COMMA": "punct", "SELF_REF": "dot", "NAME": "name",
         "OPS_MATH": "math", "PARENT_REF": "parent", "PATH_SEP": "path"}
AGE = ["int", "(", "(", "today", "(", ")", "-", "ref", ")", "div", "365.25", ")"]  # int((today() - ${dob}) div 365.25)


class Unsupported(ValueError):
    """An expression (or part of one) this platform cannot represent; the message says why."""


def tokenize(text: str) -> list[tuple[str, str]]:
    """pyxform's lexer, with its tokens joined into what the parser reads: '<' '=' into '<=',
    '../name' (as pyxform writes or_other) into a reference, and the age-in-years formula into one."""
    tokens: list[tuple[str, str]] = []
    last_end = None
    for token in parse_expression(text.strip()):
        kind, value = token.type, str(token)
        if kind == "WHITESPACE":
            continue
        if kind not in KINDS and kind != "FUNC_CALL":
            raise Unsupported(f"cannot read '{value}'")
        if kind == "FUNC_CALL":
            tokens += [("name", value[:-1]), ("punct", "(")]
        elif kind == "OPS_COMP" and tokens and tokens[-1][0] == "op" and token.start_pos == last_end:
            tokens[-1] = ("op", tokens[-1][1] + value)
        elif kind == "NAME" and [k for k, _ in tokens[-2:]] == ["parent", "path"]:
            tokens[-2:] = [("ref", value)]
        else:
            tokens.append((KINDS[kind], value.strip() if kind in ("OPS_BOOL", "OPS_MATH") else value))
        last_end = token.end_pos
    return _age_tests([(kind, value[2:-1] if kind == "ref" and value.startswith("${") else value)
                       for kind, value in tokens])


def _age_tests(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """int((today() - ${dob}) div 365.25), our age test on a date question, becomes one token."""
    out, i = [], 0
    while i < len(tokens):
        window = tokens[i:i + len(AGE)]
        if len(window) == len(AGE) and all(k == "ref" if want == "ref" else v == want
                                           for (k, v), want in zip(window, AGE, strict=True)):
            out.append(("age", window[AGE.index("ref")][1]))
            i += len(AGE)
        else:
            out.append(tokens[i])
            i += 1
    return out


class _Parser:
    """Recursive descent over tokens into a small tree of tuples."""

    def __init__(self, text: str):
        self.tokens, self.i = tokenize(text), 0

    def peek(self, offset=0):
        index = self.i + offset
        return self.tokens[index] if index < len(self.tokens) else (None, None)

    def take(self, kind=None, value=None):
        token = self.peek()
        if (kind and token[0] != kind) or (value and token[1] != value):
            raise Unsupported(f"expected {value or kind}, found {token[1] or 'the end'}")
        self.i += 1
        return token

    def parse(self):
        tree = self.expr()
        if self.i != len(self.tokens):
            raise Unsupported(f"unexpected '{self.peek()[1]}'")
        return tree

    def expr(self):
        parts = [self.conjunction()]
        while self.peek() == ("name", "or"):
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else ("or", parts)

    def conjunction(self):
        parts = [self.comparison()]
        while self.peek() == ("name", "and"):
            self.take()
            parts.append(self.comparison())
        return parts[0] if len(parts) == 1 else ("and", parts)

    def comparison(self):
        left = self.operand()
        if self.peek()[0] == "op":
            op = self.take()[1]
            return ("cmp", op, left, self.operand())
        return left

    def operand(self):
        kind, value = self.peek()
        if kind == "punct" and value == "(":
            self.take()
            inner = self.expr()
            self.take("punct", ")")
            return inner
        self.take()
        if kind == "name" and self.peek() == ("punct", "("):
            return self.call(value)
        if kind == "str":
            return ("lit", value[1:-1])
        if kind == "num":
            return ("lit", float(value) if "." in value else int(value))
        if kind in ("ref", "age"):
            return (kind, value)
        if kind == "dot":
            return ("self",)
        raise Unsupported(f"unexpected '{value}'")

    def call(self, name):
        self.take("punct", "(")
        args = []
        while self.peek() != ("punct", ")"):
            args.append(self.expr())
            if self.peek() == ("punct", ","):
                self.take()
        self.take("punct", ")")
        return ("call", name, args)


def parse(text: str):
    return _Parser(text).parse()


# --- relevant -> condition ------------------------------------------------------------------

def to_condition(text: str, codes: dict[str, str], kinds: dict[str, str]) -> dict:
    """Translate a ``relevant`` expression. ``codes`` maps XLSForm names of earlier questions
    to our codes; ``kinds`` maps our codes to question types (to tell '3' from 3)."""
    return _fold(_condition(parse(text), codes, kinds))


def _condition(node, codes, kinds) -> dict:
    tag = node[0]
    if tag in ("and", "or"):
        return {"all" if tag == "and" else "any": [_condition(n, codes, kinds) for n in node[1]]}
    if tag == "call" and node[1] == "not" and len(node[2]) == 1:
        return {"not": _condition(node[2][0], codes, kinds)}
    if tag == "call" and node[1] == "selected" and len(node[2]) == 2:
        code = _code(node[2][0], codes)
        return {"question": code, "equals": _value(node[2][1], code, kinds, as_text=True)}
    if tag == "cmp":
        return _comparison(node, codes, kinds)
    raise Unsupported("only comparisons, selected(), and, or and not() are understood")


def _comparison(node, codes, kinds) -> dict:
    _, op, left, right = node
    if left[0] == "lit":
        op, left, right = FLIP[op], right, left
    if left[0] == "call" and left[1] == "count-selected" and len(left[2]) == 1 and right == ("lit", 0):
        if op in (">", "!="):
            return {"question": _code(left[2][0], codes), "answered": True}
        if op == "=":
            return {"question": _code(left[2][0], codes), "answered": False}
    if left[0] == "age" and op == ">=" and right[0] == "lit":
        return {"question": _code(("ref", left[1]), codes), "age_gte": _number(right)}
    if left[0] == "call" and left[1] == "int" and len(left[2]) == 1 and op == ">=":
        # int(${age}) >= n: our age test on a number question (a date uses the today() form).
        return {"question": _code(left[2][0], codes), "age_gte": _number(right)}
    code = _code(left, codes)
    if right == ("lit", "") and op in ("=", "!="):
        return {"question": code, "answered": op == "!="}
    if op in ("=", "!="):
        equals = {"question": code, "equals": _value(right, code, kinds)}
        return equals if op == "=" else {"not": equals}
    if kinds.get(code) not in NUMERIC_TYPES:
        raise Unsupported(f"'{op}' is only understood for number and scale questions")
    bound = _number(right)
    if op in (">=", "<="):
        return {"question": code, "gte" if op == ">=" else "lte": bound}
    # Strict comparisons: at least the bound but not equal to it (false when unanswered, as in ODK).
    inclusive, exclusive = ("gte", "lte") if op == ">" else ("lte", "gte")
    return {"all": [{"question": code, inclusive: bound}, {"not": {"question": code, exclusive: bound}}]}


def _code(node, codes) -> str:
    if node[0] != "ref":
        raise Unsupported("a comparison needs a ${question} on one side")
    if node[1] not in codes:
        raise Unsupported(f"refers to '{node[1]}', which is not an earlier question we imported")
    return codes[node[1]]


def _number(node):
    value = node[1] if node[0] == "lit" else None
    if isinstance(value, str):
        try:
            value = float(value) if "." in value else int(value)
        except ValueError:
            value = None
    if not isinstance(value, int | float):
        raise Unsupported("a number is needed here")
    return value


def _value(node, code, kinds, *, as_text=False):
    if node[0] != "lit":
        raise Unsupported("compare a question with a fixed value")
    if kinds.get(code) in NUMERIC_TYPES and not as_text:
        return _number(node)
    value = node[1]
    return str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))


def _fold(condition: dict) -> dict:
    """Tidy the translation into the shapes our editor writes: any-of-equals becomes 'in',
    answered-and-none-of becomes 'not_in'."""
    for key in ("all", "any"):
        if key in condition:
            parts = [_fold(c) for c in condition[key]]
            return _fold_any(parts) if key == "any" else _fold_all(parts)
    if "not" in condition:
        return {"not": _fold(condition["not"])}
    return condition


def _fold_any(parts):
    questions = {p.get("question") for p in parts}
    if len(questions) == 1 and None not in questions and all("equals" in p or "in" in p for p in parts):
        values = [v for p in parts for v in (p["in"] if "in" in p else [p["equals"]])]
        return {"question": questions.pop(), "in": values}
    return parts[0] if len(parts) == 1 else {"any": parts}


def _fold_all(parts):
    if len(parts) == 2 and parts[0].get("answered") is True and "not" in parts[1]:
        inner, code = parts[1]["not"], parts[0]["question"]
        if inner.get("question") == code and ("equals" in inner or "in" in inner):
            return {"question": code, "not_in": inner["in"] if "in" in inner else [inner["equals"]]}
    return parts[0] if len(parts) == 1 else {"all": parts}


# --- condition -> relevant ------------------------------------------------------------------

def from_condition(condition: dict, kinds: dict[str, str]) -> str:
    """Write a condition as an XLSForm ``relevant`` expression."""
    for key, joiner in (("all", " and "), ("any", " or ")):
        if key in condition:
            return joiner.join(_bracket(from_condition(c, kinds)) for c in condition[key])
    if "not" in condition:
        return f"not({from_condition(condition['not'], kinds)})"
    code = condition["question"]
    ref = f"${{{code}}}"
    if "answered" in condition:
        return f"{ref} != ''" if condition["answered"] else f"{ref} = ''"
    if "equals" in condition:
        return _equals(ref, code, condition["equals"], kinds)
    if "in" in condition:
        return " or ".join(_equals(ref, code, v, kinds) for v in condition["in"])
    if "not_in" in condition:
        inner = " or ".join(_equals(ref, code, v, kinds) for v in condition["not_in"])
        return f"{ref} != '' and not({inner})"
    if "age_gte" in condition:
        if kinds.get(code) == "date":
            return f"int((today() - {ref}) div 365.25) >= {condition['age_gte']}"
        return f"int({ref}) >= {condition['age_gte']}"
    op = ">=" if "gte" in condition else "<="
    return f"{ref} {op} {condition.get('gte', condition.get('lte'))}"


def _equals(ref, code, value, kinds) -> str:
    if kinds.get(code) == "multiple":
        return f"selected({ref}, {_quote(value)})"
    if kinds.get(code) in NUMERIC_TYPES and isinstance(value, int | float):
        return f"{ref} = {value}"
    return f"{ref} = {_quote(value)}"


def _quote(value) -> str:
    text = str(value)
    return f'"{text}"' if "'" in text else f"'{text}'"


def _bracket(expression: str) -> str:
    return f"({expression})" if " and " in expression or " or " in expression else expression


# --- constraint -> limits -------------------------------------------------------------------

def constraint_limits(text: str) -> dict:
    """Translate a ``constraint`` into {"min", "max", "max_length", "exclusive": [codes]}."""
    node = parse(text)
    parts = node[1] if node[0] == "and" else [node]
    limits: dict = {}
    for part in parts:
        limits = _merge(limits, _limit(part))
    return limits


def _merge(limits, more):
    exclusive = limits.get("exclusive", []) + more.pop("exclusive", [])
    return {**limits, **more, **({"exclusive": exclusive} if exclusive else {})}


def _limit(node) -> dict:
    if node[0] == "cmp" and node[2] == ("self",) and node[1] in (">=", "<=", ">", "<"):
        key = "min" if node[1] in (">=", ">") else "max"
        if node[1] in (">", "<"):
            raise Unsupported("strict limits (> or <) are not supported; use >= or <=")
        return {key: _number(node[3])}
    if node[0] == "cmp" and node[1] == "<=" and node[2] == ("call", "string-length", [("self",)]):
        return {"max_length": _number(node[3])}
    exclusive = _exclusive_option(node)
    if exclusive is not None:
        return {"exclusive": [exclusive]}
    raise Unsupported("only . >= n, . <= n, string-length(.) <= n and the 'on its own' option check "
                      "are understood")


def _exclusive_option(node) -> str | None:
    """not(selected(., 'x') and count-selected(.) > 1): option x must be ticked on its own."""
    if not (node[0] == "call" and node[1] == "not" and len(node[2]) == 1 and node[2][0][0] == "and"):
        return None
    first, second = node[2][0][1] if len(node[2][0][1]) == 2 else (None, None)
    if first and first[0] == "call" and first[1] == "selected" and first[2][0] == ("self",) \
            and first[2][1][0] == "lit" and second == ("cmp", ">", ("call", "count-selected", [("self",)]),
                                                        ("lit", 1)):
        return str(first[2][1][1])
    return None


def limits_constraint(q: dict) -> str:
    """Write a question's limits as an XLSForm ``constraint`` ('' if it has none)."""
    parts = []
    if q.get("min") is not None:
        parts.append(f". >= {_plain(q['min'])}")
    if q.get("max") is not None:
        parts.append(f". <= {_plain(q['max'])}")
    if q.get("max_length"):
        parts.append(f"string-length(.) <= {q['max_length']}")
    parts += [f"not(selected(., {_quote(o['code'])}) and count-selected(.) > 1)"
              for o in q.get("options") or [] if o.get("exclusive")]
    return " and ".join(parts)


def _plain(number):
    return int(number) if isinstance(number, float) and number.is_integer() else number
