class Derive(Transformer):
    """derive: a numeric column computed from others by an expression (see
    the expression functions of each step); a true/false result is 1/0."""

    def __init__(self, name, expression):
        self.name, self.expression = name, expression

    def transform(self, X):
        out = X.copy()
        out[self.name] = evaluate(self.expression, X)  # in place when it replaces a column, else at the end
        return out
