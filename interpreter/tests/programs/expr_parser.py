# A recursive-descent parser and evaluator for arithmetic with variables.
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\s*(?:(\d+\.?\d*)|([A-Za-z_]\w*)|(\*\*|[-+*/%()=,]))")


@dataclass
class Num:
    v: float


@dataclass
class Var:
    name: str


@dataclass
class BinOp:
    op: str
    l: object
    r: object


@dataclass
class Call:
    fn: str
    args: list


def tokenize(s):
    pos, out = 0, []
    s = s.rstrip()
    while pos < len(s):
        m = TOKEN.match(s, pos)
        if not m or m.end() == pos:
            raise SyntaxError(f"bad character {s[pos]!r} at {pos}")
        pos = m.end()
        num, name, op = m.groups()
        out.append(("num", float(num)) if num else ("name", name) if name else ("op", op))
    return out


class Parser:
    def __init__(self, toks):
        self.toks, self.i = toks, 0

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else ("eof", None)

    def take(self, kind=None, val=None):
        t = self.peek()
        if (kind and t[0] != kind) or (val and t[1] != val):
            raise SyntaxError(f"expected {val or kind}, got {t[1]!r}")
        self.i += 1
        return t

    def expr(self):
        node = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            node = BinOp(self.take()[1], node, self.term())
        return node

    def term(self):
        node = self.power()
        while self.peek()[1] in ("*", "/", "%") and self.peek()[0] == "op":
            node = BinOp(self.take()[1], node, self.power())
        return node

    def power(self):
        base = self.atom()
        if self.peek() == ("op", "**"):
            self.take()
            return BinOp("**", base, self.power())
        return base

    def atom(self):
        kind, v = self.peek()
        if kind == "num":
            self.take()
            return Num(v)
        if kind == "name":
            self.take()
            if self.peek() == ("op", "("):
                self.take()
                args = [] if self.peek() == ("op", ")") else [self.expr()]
                while self.peek() == ("op", ","):
                    self.take()
                    args.append(self.expr())
                self.take("op", ")")
                return Call(v, args)
            return Var(v)
        if (kind, v) == ("op", "-"):
            self.take()
            return BinOp("-", Num(0.0), self.atom())
        self.take("op", "(")
        e = self.expr()
        self.take("op", ")")
        return e


FUNCS = {"max": max, "min": min, "abs": abs}


def evaluate(n, env):
    match n:
        case Num(v):
            return v
        case Var(name):
            if name not in env:
                raise NameError(f"undefined variable {name}")
            return env[name]
        case Call(fn, args):
            return FUNCS[fn](*(evaluate(a, env) for a in args))
        case BinOp(op, l, r):
            a, b = evaluate(l, env), evaluate(r, env)
            return {"+": a + b, "-": a - b, "*": a * b, "%": a % b if b else float("nan"),
                    "**": a ** b, "/": a / b if b else float("inf")}[op]


env = {}
lines = ["x = 3", "y = x ** 2 ** 1 + 4 * (x - 1)", "y / 4", "max(x, y, 100) - -2",
         "z + 1", "2 * (3 + ", "abs(-7.5) % 2", "w = 10 / 0", "1 $ 2"]
for line in lines:
    try:
        if "=" in line:
            name, rhs = line.split("=", 1)
            env[name.strip()] = evaluate(Parser(tokenize(rhs)).expr(), env)
            print(f"{name.strip()} := {env[name.strip()]}")
        else:
            p = Parser(tokenize(line))
            tree = p.expr()
            if p.peek()[0] != "eof":
                raise SyntaxError("trailing input")
            print(f"{line} => {evaluate(tree, env)}")
    except (SyntaxError, NameError) as e:
        print(f"{line!r}: {type(e).__name__}: {e}")
print(Parser(tokenize("1 + 2 * a")).expr())
